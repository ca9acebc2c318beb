package org.helpline.router.asterisk.agi;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The production cost of bcrypt (12: about a third of a second of CPU a check) and no lockout, so that every
 * login of an attack reaches a password check: the worst case for the routing path's share of the CPU.
 */
public class HttpLoadProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "helpline.accounts.bcrypt-cost", "12",
                "helpline.accounts.lockout.account-failures", "0",
                "helpline.accounts.lockout.address-failures", "0");
    }
}
