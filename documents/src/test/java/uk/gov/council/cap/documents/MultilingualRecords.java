package uk.gov.council.cap.documents;

import java.time.Instant;
import java.util.List;
import uk.gov.council.cap.documents.forms.FormRecord;
import uk.gov.council.cap.documents.forms.FormRecord.Answer;

/**
 * A Blue Badge record as a resident would fill it in each kiosk language: the questions as the
 * shipped form definition words them, the answers as a resident of that language might type them.
 */
final class MultilingualRecords {
  private MultilingualRecords() {}

  /** One language's sample: the words the test looks for afterwards. */
  record Sample(
      String language,
      String title,
      String nameQuestion,
      String name,
      String conditionQuestion,
      String condition,
      String reasonQuestion,
      String reason) {

    FormRecord record() {
      return new FormRecord(
          "Central Bedfordshire Council",
          "blue-badge",
          1,
          "Apply for a Blue Badge",
          SampleForms.CASE_REFERENCE,
          List.of(
              new Answer(nameQuestion, name, "What is your full name?"),
              new Answer(reasonQuestion, reason, "Why are you applying for a Blue Badge?"),
              new Answer(conditionQuestion, condition, "Tell us about your condition")),
          name,
          Instant.parse("2026-11-22T14:05:00Z"),
          SampleForms.squiggle(),
          language,
          title);
    }
  }

  static final List<Sample> ALL =
      List.of(
          new Sample(
              "cy",
              "Gwneud cais am Fathodyn Glas",
              "Beth yw eich enw llawn?",
              "Gwenllian ap Dafydd",
              "Dywedwch wrthym am eich cyflwr",
              "Mae gen i arthritis yn fy mhengliniau ac rwy'n cerdded gyda ffon i'r tŷ a'r siop.",
              "Pam ydych chi'n gwneud cais am Fathodyn Glas?",
              "Rwy'n ei chael hi'n anodd iawn cerdded"),
          new Sample(
              "pl",
              "Złóż wniosek o Blue Badge (kartę parkingową)",
              "Jakie jest Twoje imię i nazwisko?",
              "Zdzisław Żółkiewski",
              "Opowiedz nam o swoim stanie zdrowia",
              "Po udarze chodzę bardzo wolno, z balkonikiem. Źle znoszę schody.",
              "Dlaczego składasz wniosek o Blue Badge?",
              "Chodzenie sprawia mi dużą trudność"),
          new Sample(
              "ro",
              "Cerere pentru Blue Badge (card de parcare)",
              "Care este numele dumneavoastră complet?",
              "Ștefan Țăranu",
              "Spuneți-ne despre afecțiunea dumneavoastră",
              "Am o boală de inimă și obosesc repede când merg pe jos.",
              "De ce solicitați un Blue Badge?",
              "Merg pe jos foarte greu"),
          new Sample(
              "ur",
              "بلیو بیج کے لیے درخواست دیں",
              "آپ کا پورا نام کیا ہے؟",
              "محمد عارف خان",
              "ہمیں اپنی بیماری یا کیفیت کے بارے میں بتائیں",
              "مجھے گھٹنوں میں شدید درد ہے اور میں چھڑی کے ساتھ 50 میٹر چلتا ہوں۔",
              "آپ بلیو بیج کے لیے درخواست کیوں دے رہے ہیں؟",
              "مجھے چلنے میں بہت مشکل ہوتی ہے"),
          new Sample(
              "pa",
              "ਬਲੂ ਬੈਜ ਲਈ ਅਰਜ਼ੀ ਦਿਓ",
              "ਤੁਹਾਡਾ ਪੂਰਾ ਨਾਮ ਕੀ ਹੈ?",
              "ਗੁਰਪ੍ਰੀਤ ਕੌਰ ਸੰਧੂ",
              "ਸਾਨੂੰ ਆਪਣੀ ਸਿਹਤ ਦੀ ਹਾਲਤ ਬਾਰੇ ਦੱਸੋ",
              "ਮੇਰੇ ਗੋਡਿਆਂ ਵਿੱਚ ਗਠੀਆ ਹੈ ਅਤੇ ਮੈਂ ਸੋਟੀ ਨਾਲ ਤੁਰਦੀ ਹਾਂ।",
              "ਤੁਸੀਂ ਬਲੂ ਬੈਜ ਲਈ ਅਰਜ਼ੀ ਕਿਉਂ ਦੇ ਰਹੇ ਹੋ?",
              "ਮੈਨੂੰ ਤੁਰਨ ਵਿੱਚ ਬਹੁਤ ਮੁਸ਼ਕਲ ਹੁੰਦੀ ਹੈ"),
          new Sample(
              "bn",
              "ব্লু ব্যাজের জন্য আবেদন করুন",
              "আপনার পুরো নাম কী?",
              "রহিমা খাতুন",
              "আপনার শারীরিক অবস্থা সম্পর্কে আমাদের বলুন",
              "আমার হাঁটুতে বাত আছে, আমি লাঠি নিয়ে হাঁটি। সিঁড়ি ভাঙতে কষ্ট হয়।",
              "আপনি কেন ব্লু ব্যাজের জন্য আবেদন করছেন?",
              "হাঁটা আমার জন্য খুব কঠিন"));
}
