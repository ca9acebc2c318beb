package org.helpline.router.routing;

import org.helpline.router.lines.LineView;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the line a call is for: by an explicit line code when the dialplan gives one (authoritative: an
 * unknown code is an unknown line), else by the dialled number ({@code agi_dnid}), else by the extension
 * dialled ({@code agi_extension}), each compared with every line's number in E.164 or national form.
 */
public final class LineFinder {

    private LineFinder() {
    }

    public static Optional<LineView> find(Collection<LineView> lines, String explicitCode, String dnid,
                                          String extension) {
        if (explicitCode != null && !explicitCode.isBlank()) {
            String code = explicitCode.strip();
            return lines.stream().filter(l -> l.code().equals(code)).findFirst();
        }
        List<LineView> ordered = lines.stream().sorted(Comparator.comparing(LineView::code)).toList();
        for (String dialled : new String[] {dnid, extension}) {
            Optional<LineView> found = byNumber(ordered, dialled);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<LineView> byNumber(List<LineView> lines, String dialled) {
        if (dialled == null || dialled.isBlank()) {
            return Optional.empty();
        }
        // An exact E.164 match wins over a national form that two countries could share.
        Optional<LineView> exact = lines.stream().filter(l -> DialledNumber.matchesExactly(dialled, l.number())).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        return lines.stream().filter(l -> DialledNumber.matches(dialled, l.number())).findFirst();
    }
}
