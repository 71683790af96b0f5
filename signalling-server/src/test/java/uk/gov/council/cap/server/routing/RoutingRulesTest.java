package uk.gov.council.cap.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.testing.FakeClock;

/** Each routing rule alone, and the council's order of them, with time moved by hand. */
class RoutingRulesTest {
  private final FakeClock clock = FakeClock.stopped();

  private static StaffMember staff(String id, Set<String> themes, Set<String> languages) {
    return new StaffMember(id, id, id, Role.ADVISOR, themes, Set.of(), languages);
  }

  private AdvisorPresence free(String id, Set<String> themes, Set<String> languages) {
    AdvisorPresence a =
        new AdvisorPresence(staff(id, themes, languages), new RecordingPeer(), null);
    a.idleSince = clock.now();
    a.status = AdvisorStatus.AVAILABLE;
    return a;
  }

  private QueueEntry call(String theme, String language) {
    return new QueueEntry(
        "call-1",
        "case-1",
        "C-1",
        "k1",
        "Kiosk",
        "site-1",
        "Library",
        theme,
        clock.now(),
        language);
  }

  @Test
  void themeSkillServesOnlyAdvisorsWithTheTheme() {
    RoutingRule rule = new ThemeSkill();
    CallNeed need = call("housing", null).need();
    assertThat(rule.serves(staff("ann", Set.of("housing"), Set.of()), need)).isTrue();
    assertThat(rule.serves(staff("bob", Set.of("council-tax"), Set.of()), need)).isFalse();
  }

  @Test
  void siteCoverServesAdvisorsOfTheSiteOrOfEverySite() {
    RoutingRule rule = new SiteCover();
    CallNeed need = call("housing", null).need();
    StaffMember everywhere = staff("ann", Set.of(), Set.of());
    StaffMember elsewhere =
        new StaffMember("bob", "bob", "bob", Role.ADVISOR, Set.of(), Set.of("site-2"), Set.of());
    assertThat(rule.serves(everywhere, need)).isTrue();
    assertThat(rule.serves(elsewhere, need)).isFalse();
  }

  @Test
  void aTargetedCallIsServedByItsAdvisorOnly() {
    RoutingRule rule = new TargetedAdvisor();
    QueueEntry call = call("housing", null);
    assertThat(rule.serves(staff("bob", Set.of(), Set.of()), call.need())).isTrue();
    call.targetAdvisorId = "ann";
    call.targetedAt = clock.now();
    assertThat(rule.serves(staff("ann", Set.of(), Set.of()), call.need())).isTrue();
    assertThat(rule.serves(staff("bob", Set.of(), Set.of()), call.need())).isFalse();
  }

  @Test
  void languageSkillPrefersSpeakersButNeverLeavesNobody() {
    RoutingRule rule = new LanguageSkill();
    AdvisorPresence ann = free("ann", Set.of("housing"), Set.of());
    AdvisorPresence piotr = free("piotr", Set.of("housing"), Set.of("pl"));
    assertThat(rule.prefer(call("housing", "pl"), List.of(ann, piotr))).containsExactly(piotr);
    assertThat(rule.prefer(call("housing", "ro"), List.of(ann, piotr))).containsExactly(ann, piotr);
    assertThat(rule.prefer(call("housing", "en-GB"), List.of(ann, piotr)))
        .containsExactly(ann, piotr);
  }

  @Test
  void longestIdleChoosesTheAdvisorFreeTheLongest() {
    AdvisorPresence ann = free("ann", Set.of(), Set.of());
    clock.advance(Duration.ofSeconds(30));
    AdvisorPresence bob = free("bob", Set.of(), Set.of());
    assertThat(new LongestIdle().prefer(call("housing", null), List.of(bob, ann)))
        .containsExactly(ann);
  }

  @Test
  void aCallIsNotOfferedBackToTheAdvisorWhoMissedItWhileAnotherIsFree() {
    RoutingRule rule = new NotMissedBefore();
    QueueEntry call = call("housing", null);
    AdvisorPresence ann = free("ann", Set.of(), Set.of());
    AdvisorPresence bob = free("bob", Set.of(), Set.of());
    call.missedBy.add("ann");
    assertThat(rule.prefer(call, List.of(ann, bob))).containsExactly(bob);
    assertThat(rule.prefer(call, List.of(ann))).containsExactly(ann);
  }

  @Test
  void overflowLetsAnyAdvisorTakeACallOnlyAfterTheWait() {
    RoutingRule rule = new OverflowAfterWait(Duration.ofSeconds(60), new ThemeSkill());
    QueueEntry call = call("housing", null);
    StaffMember taxOnly = staff("bob", Set.of("council-tax"), Set.of());

    clock.advance(Duration.ofSeconds(59));
    assertThat(rule.serves(taxOnly, call.need(clock.now()))).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(rule.serves(taxOnly, call.need(clock.now()))).isTrue();
  }

  @Test
  void overflowStillPrefersAdvisorsWithTheSkill() {
    RoutingRule rule = new OverflowAfterWait(Duration.ofSeconds(60), new ThemeSkill());
    AdvisorPresence tax = free("bob", Set.of("council-tax"), Set.of());
    AdvisorPresence housing = free("ann", Set.of("housing"), Set.of());
    assertThat(rule.prefer(call("housing", null), List.of(tax, housing))).containsExactly(housing);
    assertThat(rule.prefer(call("housing", null), List.of(tax))).containsExactly(tax);
  }

  @Test
  void aZeroOverflowWaitNeverOverflows() {
    RoutingRule rule = new OverflowAfterWait(Duration.ZERO, new ThemeSkill());
    QueueEntry call = call("housing", null);
    clock.advance(Duration.ofDays(1));
    assertThat(rule.serves(staff("bob", Set.of("council-tax"), Set.of()), call.need(clock.now())))
        .isFalse();
  }

  @Test
  void aTargetedCallWaitsForItsAdvisorFromWhenItWasMeantForThem() {
    RoutingRules rules = RoutingRules.standard(new RoutingPolicy(Duration.ofSeconds(60), 2));
    QueueEntry call = call("housing", null);
    clock.advance(Duration.ofMinutes(5));
    call.targetAdvisorId = "ann";
    call.targetedAt = clock.now();
    StaffMember bob = staff("bob", Set.of("housing"), Set.of());

    clock.advance(Duration.ofSeconds(59));
    assertThat(rules.serves(bob, call.need(clock.now()))).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(rules.serves(bob, call.need(clock.now()))).isTrue();
  }

  @Test
  void theCouncilsOrderPicksTheLongestIdleSpeakerWithTheTheme() {
    RoutingRules rules = RoutingRules.standard(RoutingPolicy.DEFAULT);
    AdvisorPresence ann = free("ann", Set.of("housing"), Set.of());
    clock.advance(Duration.ofSeconds(5));
    AdvisorPresence piotr = free("piotr", Set.of("housing"), Set.of("pl"));
    clock.advance(Duration.ofSeconds(5));
    AdvisorPresence marta = free("marta", Set.of("housing"), Set.of("pl"));

    assertThat(rules.choose(call("housing", "pl"), List.of(marta, ann, piotr))).contains(piotr);
    assertThat(rules.choose(call("housing", null), List.of(marta, ann, piotr))).contains(ann);
    assertThat(rules.choose(call("housing", null), List.of())).isEmpty();
  }
}
