package uk.gov.council.cap.documents.pdf;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.xml.XmpSerializer;

/**
 * Turns a PDFBox document into a PDF/A-2b one: XMP metadata that matches the document information,
 * and an sRGB output intent. Everything drawn must use embedded fonts and RGB colour, which {@link
 * PageFlow} guarantees.
 */
public final class ArchivalPdf {
  public static final String PRODUCER = "Customer Access Point";

  private ArchivalPdf() {}

  /**
   * Adds the PDF/A-2b identification, metadata and output intent, then saves (not incrementally).
   */
  public static byte[] save(PDDocument document, String title, String author, Instant created)
      throws IOException {
    return save(document, title, author, created, "en-GB");
  }

  /**
   * As {@link #save(PDDocument, String, String, Instant)}, with the document's natural language
   * (/Lang) for screen readers and text-to-speech: the language the resident used.
   */
  public static byte[] save(
      PDDocument document, String title, String author, Instant created, String language)
      throws IOException {
    Calendar when = GregorianCalendar.from(created.atZone(TimeZone.getTimeZone("UTC").toZoneId()));
    PDDocumentInformation info = document.getDocumentInformation();
    info.setTitle(title);
    info.setAuthor(author);
    info.setProducer(PRODUCER);
    info.setCreator(PRODUCER);
    info.setCreationDate(when);
    info.setModificationDate(when);

    document.getDocumentCatalog().setMetadata(xmp(document, title, author, when));
    document.getDocumentCatalog().addOutputIntent(srgbIntent(document));
    document.getDocumentCatalog().setLanguage(language);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    document.save(out);
    return out.toByteArray();
  }

  private static PDMetadata xmp(PDDocument document, String title, String author, Calendar when)
      throws IOException {
    XMPMetadata xmp = XMPMetadata.createXMPMetadata();
    DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
    dc.setTitle(title);
    dc.addCreator(author);
    AdobePDFSchema pdf = xmp.createAndAddAdobePDFSchema();
    pdf.setProducer(PRODUCER);
    XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
    basic.setCreatorTool(PRODUCER);
    basic.setCreateDate(when);
    basic.setModifyDate(when);
    PDFAIdentificationSchema id = xmp.createAndAddPDFAIdentificationSchema();
    id.setPart(2);
    try {
      id.setConformance("B");
    } catch (org.apache.xmpbox.type.BadFieldValueException e) {
      throw new IllegalStateException(e); // "B" is a valid conformance level; this cannot happen
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      new XmpSerializer().serialize(xmp, bytes, true);
    } catch (javax.xml.transform.TransformerException e) {
      throw new IOException("Could not write the PDF/A metadata", e);
    }
    PDMetadata metadata = new PDMetadata(document);
    metadata.importXMPMetadata(bytes.toByteArray());
    return metadata;
  }

  private static PDOutputIntent srgbIntent(PDDocument document) throws IOException {
    // The JDK carries an sRGB profile, so no ICC file needs shipping.
    byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    PDOutputIntent intent = new PDOutputIntent(document, new ByteArrayInputStream(profile));
    intent.setInfo("sRGB IEC61966-2.1");
    intent.setOutputCondition("sRGB IEC61966-2.1");
    intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
    intent.setRegistryName("http://www.color.org");
    return intent;
  }
}
