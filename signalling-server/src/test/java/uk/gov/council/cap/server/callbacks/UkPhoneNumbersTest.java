package uk.gov.council.cap.server.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UkPhoneNumbersTest {

  @Test
  void theWaysResidentsWriteAUkNumberAllBecomeOne() {
    assertThat(UkPhoneNumbers.normalise("07700 900123")).contains("+447700900123");
    assertThat(UkPhoneNumbers.normalise("+44 7700 900123")).contains("+447700900123");
    assertThat(UkPhoneNumbers.normalise("0044 7700-900-123")).contains("+447700900123");
    assertThat(UkPhoneNumbers.normalise("+44 (0)20 7946 0018")).contains("+442079460018");
    assertThat(UkPhoneNumbers.normalise("(01632) 960001")).contains("+441632960001");
    assertThat(UkPhoneNumbers.normalise("0300 123 4567")).contains("+443001234567");
    assertThat(UkPhoneNumbers.normalise("0800 123 4567")).contains("+448001234567");
  }

  @Test
  void numbersTheCouncilWillNotRingAreRefused() {
    assertThat(UkPhoneNumbers.normalise("0909 879 0000")).as("premium").isEmpty();
    assertThat(UkPhoneNumbers.normalise("070 1234 5678")).as("personal").isEmpty();
    assertThat(UkPhoneNumbers.normalise("07600 123456")).as("pager").isEmpty();
    assertThat(UkPhoneNumbers.normalise("+33 1 23 45 67 89")).as("abroad").isEmpty();
    assertThat(UkPhoneNumbers.normalise("0770 090 012")).as("too short").isEmpty();
    assertThat(UkPhoneNumbers.normalise("077000901234")).as("too long").isEmpty();
    assertThat(UkPhoneNumbers.normalise("7700 900123")).as("no leading 0").isEmpty();
    assertThat(UkPhoneNumbers.normalise("07700 9OO123")).as("letters").isEmpty();
    assertThat(UkPhoneNumbers.normalise("")).isEmpty();
    assertThat(UkPhoneNumbers.normalise(null)).isEmpty();
    assertThat(UkPhoneNumbers.normalise("0".repeat(41))).isEmpty();
  }

  @Test
  void numbersAreShownTheWayPeopleReadThem() {
    assertThat(UkPhoneNumbers.display("+447700900123")).isEqualTo("07700 900123");
    assertThat(UkPhoneNumbers.display("+442079460018")).isEqualTo("020 7946 0018");
    assertThat(UkPhoneNumbers.display("+441632960001")).isEqualTo("01632 960001");
    assertThat(UkPhoneNumbers.display("+443001234567")).isEqualTo("0300 123 4567");
  }

  @Test
  void namesAreLettersInAnyScript() {
    assertThat(CallbackBooking.cleanName("  Mary   O'Neill-Jones ")).contains("Mary O'Neill-Jones");
    assertThat(CallbackBooking.cleanName("Zoë Łukasz")).contains("Zoë Łukasz");
    assertThat(CallbackBooking.cleanName("عائشة")).contains("عائشة");
    assertThat(CallbackBooking.cleanName("")).isEmpty();
    assertThat(CallbackBooking.cleanName("   ")).isEmpty();
    assertThat(CallbackBooking.cleanName("<script>")).isEmpty();
    assertThat(CallbackBooking.cleanName("Bob 07700900123")).isEmpty();
    assertThat(CallbackBooking.cleanName("A".repeat(61))).isEmpty();
  }
}
