package org.helpline.router.listeners;

/**
 * Asks Asterisk to read its PJSIP configuration again (implemented at the AMI edge), so that the generated accounts
 * file takes effect without a restart. Waits for Asterisk's answer within the AMI response timeout.
 */
public interface PjsipReload {

    /** Reloads {@code res_pjsip.so}; throws {@link Failed} when Asterisk cannot be reached or refuses. */
    void reload();

    /** The reload did not happen: Asterisk is unreachable, or answered with an error (the message says which). */
    class Failed extends RuntimeException {
        public Failed(String message) {
            super(message, null, false, false);
        }
    }
}
