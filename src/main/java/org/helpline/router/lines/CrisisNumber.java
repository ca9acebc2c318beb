package org.helpline.router.lines;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A number the caller is pointed to when no listener can take the call (3114, 15, 112, a partner line). */
@Embeddable
public class CrisisNumber {

    @Column(nullable = false)
    public String label;

    @Column(nullable = false)
    public String number;

    public CrisisNumber() {
    }

    public CrisisNumber(String label, String number) {
        this.label = label;
        this.number = number;
    }
}
