package org.helpline.router.accounts;

import java.util.Set;

/** The roles of the API. */
public final class Roles {

    /** Changes configuration: lines, hours, accounts, listeners. */
    public static final String OPERATOR = "operator";
    /** Reads status and supervises listeners and queues. */
    public static final String COORDINATOR = "coordinator";

    public static final Set<String> ALL = Set.of(OPERATOR, COORDINATOR);

    private Roles() {
    }
}
