package autotrader.orders;

/**
 * Named points in the send path where the crash tests stop the process (a test main class reads a
 * system property and blocks there until the parent kills it). In production it does nothing.
 */
public interface CrashPoints {

    String INTENT_WRITTEN = "intent-written";
    String SUBMITTING_WRITTEN = "submitting-written";
    /** The POST went out and was answered, and the answer is not stored yet. */
    String POST_ANSWERED = "post-answered";
    String SUBMITTED_STORED = "submitted-stored";

    CrashPoints NONE = step -> { };

    void reached(String step);
}
