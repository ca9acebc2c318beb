package org.helpline.router.accounts;

/**
 * The first operator as {@code HELPLINE_BOOTSTRAP_OPERATOR=name:password} spells it, held to the rules of accounts
 * created through the API. A value that breaks them stops the start-up: a service that came up without its only
 * way in, or with a weak one, would be worse than one that says why it will not start.
 */
record BootstrapOperator(String username, String password) {

    /**
     * Parses and checks {@code name:password} (the password may itself contain {@code :}).
     *
     * @throws IllegalArgumentException saying what is wrong, without quoting the password
     */
    static BootstrapOperator parse(String spec, PasswordPolicy policy) {
        int colon = spec == null ? -1 : spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("HELPLINE_BOOTSTRAP_OPERATOR must be 'name:password'");
        }
        String username = spec.substring(0, colon);
        String password = spec.substring(colon + 1);
        if (!AccountService.USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("HELPLINE_BOOTSTRAP_OPERATOR: the name must be 2 to 80 letters, digits "
                    + "or . _ @ -");
        }
        policy.problem(password).ifPresent(problem -> {
            throw new IllegalArgumentException("HELPLINE_BOOTSTRAP_OPERATOR: the password " + problem);
        });
        return new BootstrapOperator(username, password);
    }

    @Override
    public String toString() {
        return "BootstrapOperator[" + username + "]";
    }
}
