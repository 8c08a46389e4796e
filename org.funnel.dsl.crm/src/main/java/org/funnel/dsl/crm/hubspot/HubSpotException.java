package org.funnel.dsl.crm.hubspot;

import org.funnel.dsl.generator.GenerationException;

/**
 * A call to HubSpot that did not succeed, in words for the user (never with the token). {@link #outcome}
 * says whether HubSpot may still have carried it out: after a timeout, a connection lost while
 * waiting for the answer, or a server error (5xx), nobody knows.
 */
public final class HubSpotException extends GenerationException {

	private static final long serialVersionUID = 1L;

	public enum Outcome {
		/** HubSpot answered with an error (4xx): it did not carry out the request. */
		REFUSED,
		/** The request was sent and no complete answer came, or a server error (5xx): HubSpot may or may not have carried it out. */
		UNKNOWN,
		/** HubSpot could not be reached: nothing was sent. */
		UNREACHABLE
	}

	private final Outcome outcome;
	private final int status;

	public HubSpotException(Outcome outcome, int status, String message) {
		super(message);
		this.outcome = outcome;
		this.status = status;
	}

	public Outcome outcome() {
		return outcome;
	}

	/** The HTTP status HubSpot answered with, or 0 when there was no answer. */
	public int status() {
		return status;
	}
}
