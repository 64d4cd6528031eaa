package dev.mailbridge.internal.sending;

import dev.mailbridge.check.Problem;

/** Opening or using the SMTP connection failed; the problem says how, and whether trying again can help. */
final class SubmissionFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    SubmissionFailure(Problem problem, @org.jspecify.annotations.Nullable Throwable cause) {
        super(problem.message(), cause);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }

    boolean retryable() {
        return problem.code().isRetryable();
    }
}
