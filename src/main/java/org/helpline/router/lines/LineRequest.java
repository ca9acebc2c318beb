package org.helpline.router.lines;

import java.util.List;

/** The body of {@code POST /api/lines} and {@code PUT /api/lines/{code}}; checked field by field by {@link LineService}. */
public record LineRequest(String code,
                          String name,
                          String number,
                          String timeZone,
                          String language,
                          List<CrisisNumberBody> crisisNumbers,
                          Integer maxWaitSeconds,
                          String queue,
                          Boolean crisisTransfer,
                          RulesBody rules) {

    /** Service and wellbeing rules; any field left out takes its default. */
    public record RulesBody(Integer maxWaitingCallers, Integer serviceLevelSeconds, Integer wrapUpSeconds,
                            Integer longCallMinutes, Integer restAfterLongCallSeconds,
                            Integer breakReminderMinutes, Integer breakReminderCalls) {
    }

    /** One crisis number as sent and shown by the API. */
    public record CrisisNumberBody(String label, String number) {
    }
}
