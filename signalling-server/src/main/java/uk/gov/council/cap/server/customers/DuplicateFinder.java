package uk.gov.council.cap.server.customers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Scores how likely two records are the same person, so advisors reuse a customer instead of
 * creating a second one. Deliberately simple and explainable: each matching detail adds points and
 * a reason the advisor can read.
 */
public final class DuplicateFinder {
  /** At or above this score a new record is treated as a likely duplicate. */
  public static final int LIKELY = 60;

  public record Match(Customer customer, int score, List<String> reasons) {}

  /** Ranks existing customers against a free-text search. */
  public List<Match> rankForSearch(String query, List<Customer> candidates) {
    List<String> words = words(query);
    List<Match> out = new ArrayList<>();
    for (Customer c : candidates) {
      int score = 0;
      List<String> reasons = new ArrayList<>();
      for (String w : words) {
        String lw = w.toLowerCase(Locale.ROOT);
        if (c.lastName().toLowerCase(Locale.ROOT).startsWith(lw)) {
          score += 30;
          reasons.add("last name");
        } else if (c.firstName().toLowerCase(Locale.ROOT).startsWith(lw)) {
          score += 15;
          reasons.add("first name");
        } else if (c.postcode() != null
            && c.postcode().replace(" ", "").equalsIgnoreCase(w.replace(" ", ""))) {
          score += 25;
          reasons.add("postcode");
        } else if (lw.equals(c.email())) {
          score += 40;
          reasons.add("email");
        } else if (c.phone() != null && c.phone().replace(" ", "").equals(w.replace(" ", ""))) {
          score += 30;
          reasons.add("phone");
        } else if (w.equals(c.dateOfBirth())) {
          score += 40;
          reasons.add("date of birth");
        }
      }
      if (score > 0) {
        out.add(new Match(c, score, reasons.stream().distinct().toList()));
      }
    }
    out.sort(
        Comparator.comparingInt(Match::score)
            .reversed()
            .thenComparing(m -> m.customer().lastName()));
    return out;
  }

  /** Existing customers that a new record probably duplicates, best first. */
  public List<Match> likelyDuplicatesOf(CustomerInput in, List<Customer> candidates) {
    List<Match> out = new ArrayList<>();
    for (Customer c : candidates) {
      int score = 0;
      List<String> reasons = new ArrayList<>();
      if (in.dateOfBirth() != null && in.dateOfBirth().equals(c.dateOfBirth())) {
        score += 40;
        reasons.add("same date of birth");
      }
      if (similar(in.lastName(), c.lastName())) {
        score += 30;
        reasons.add("similar last name");
      }
      if (similar(in.firstName(), c.firstName())) {
        score += 15;
        reasons.add("similar first name");
      }
      if (in.postcode() != null && in.postcode().equals(c.postcode())) {
        score += 25;
        reasons.add("same postcode");
      }
      if (in.email() != null && in.email().equals(c.email())) {
        score += 40;
        reasons.add("same email");
      }
      if (in.phone() != null && c.phone() != null && digits(in.phone()).equals(digits(c.phone()))) {
        score += 30;
        reasons.add("same phone");
      }
      if (score >= LIKELY) {
        out.add(new Match(c, score, reasons));
      }
    }
    out.sort(Comparator.comparingInt(Match::score).reversed());
    return out;
  }

  /** Search words for the repository: the date, email and postcode forms people type. */
  public static List<String> words(String query) {
    String q = Objects.requireNonNullElse(query, "").strip();
    List<String> words = new ArrayList<>();
    String compact = q.replace(" ", "");
    if (compact.matches("(?i)[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}")
        || compact.matches("\\+?[0-9]{7,15}")) {
      words.add(compact);
      return words;
    }
    for (String w : q.split("[\\s,]+")) {
      if (w.length() >= 2 && words.size() < 5) {
        words.add(w);
      }
    }
    return words;
  }

  static boolean similar(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    String x = a.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    String y = b.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    return !x.isEmpty() && levenshtein(x, y) <= (Math.max(x.length(), y.length()) >= 6 ? 2 : 1);
  }

  private static String digits(String s) {
    return s.replaceAll("[^0-9]", "");
  }

  private static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
