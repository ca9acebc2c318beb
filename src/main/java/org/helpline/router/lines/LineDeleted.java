package org.helpline.router.lines;

/**
 * Fired inside the transaction that deletes a line; observers that act outside the database (the messages
 * folder) observe it after success.
 */
public record LineDeleted(String code) {
}
