package org.helpline.router.lines;

/** A crisis number in the live view of a line: what the prompt says and what Asterisk dials. */
public record CrisisContact(String label, String number) {
}
