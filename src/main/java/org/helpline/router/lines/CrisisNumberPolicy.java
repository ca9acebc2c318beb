package org.helpline.router.lines;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which crisis numbers a line may carry: short national numbers ({@link PhoneNumbers#SHORT_NATIONAL}), and
 * the numbers the operator allow-listed in the configuration ({@code helpline.lines.allowed-crisis-numbers}).
 * The caller who presses 1 is transferred to it, at the association's cost, so a number outside these is
 * refused whoever asks for it.
 */
@ApplicationScoped
public class CrisisNumberPolicy {

    private final Set<String> allowed;

    CrisisNumberPolicy(LinesConfig config) {
        this.allowed = config.allowedCrisisNumbers().orElse(List.of()).stream()
                .map(String::trim).filter(n -> !n.isEmpty()).collect(Collectors.toUnmodifiableSet());
        allowed.stream().filter(n -> !PhoneNumbers.DIALABLE.matcher(n).matches()).findFirst().ifPresent(n -> {
            throw new IllegalArgumentException("helpline.lines.allowed-crisis-numbers: '" + n + "' is not a dialable "
                    + "number (E.164 such as +33800235236, or national digits such as 0972394050)");
        });
    }

    /** Whether {@code number} (as received) may be a crisis number. */
    public boolean accepts(String number) {
        return number != null && (PhoneNumbers.SHORT_NATIONAL.matcher(number).matches() || allowed.contains(number));
    }

    /** The rule in words, for the problem naming the field. */
    public String rule() {
        return "must be a short national number of 2 to 6 digits such as 3114, 15 or 112"
                + (allowed.isEmpty() ? "; other numbers must first be allow-listed by the operator "
                + "(helpline.lines.allowed-crisis-numbers)" : ", or one of " + allowed.stream().sorted().toList());
    }
}
