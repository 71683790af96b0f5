package uk.gov.council.cap.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.staff.Role;

class RoleGroupsTest {
  private final RoleGroups groups =
      RoleGroups.parse(
          "ADVISOR=g-adv, SUPERVISOR=g-sup,TECHNICIAN=g-tech,ADMIN=g-admin,advisor=g-adv-2");

  @Test
  void theMostSeniorMappedRoleWins() {
    assertThat(groups.roleFor(List.of("g-adv"))).hasValue(Role.ADVISOR);
    assertThat(groups.roleFor(List.of("other", "g-adv-2"))).hasValue(Role.ADVISOR);
    assertThat(groups.roleFor(List.of("g-adv", "g-tech"))).hasValue(Role.TECHNICIAN);
    assertThat(groups.roleFor(List.of("g-tech", "g-sup"))).hasValue(Role.SUPERVISOR);
    assertThat(groups.roleFor(List.of("g-sup", "g-admin", "g-adv"))).hasValue(Role.ADMIN);
    assertThat(groups.roleFor(List.of("finance"))).isEmpty();
    assertThat(groups.roleFor(List.of())).isEmpty();
  }

  @Test
  void aSettingItCannotReadStopsTheServerNamingIt() {
    assertThatThrownBy(() -> RoleGroups.parse("BOSS=g1"))
        .hasMessageContaining("\"BOSS\" is not one of");
    assertThatThrownBy(() -> RoleGroups.parse("ADVISOR"))
        .hasMessageContaining("\"ADVISOR\" is not ROLE=group");
    assertThatThrownBy(() -> RoleGroups.parse("ADVISOR=g,ADMIN=g"))
        .hasMessageContaining("given two roles");
    assertThatThrownBy(() -> RoleGroups.parse(" ")).hasMessageContaining("maps no group");
  }
}
