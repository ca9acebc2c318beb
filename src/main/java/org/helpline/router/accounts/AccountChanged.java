package org.helpline.router.accounts;

/**
 * An account's password, roles or enabled state changed (fired once the change has committed): whatever was
 * granted on its old credentials — an open supervision stream — must be checked again.
 */
public record AccountChanged(String username) {
}
