package org.pkttables.tables.impl;

/**
 * Carries what an extension threw out of {@link RuleEntry#matches} or {@link RuleEntry#apply} to the
 * evaluator, with which of the rule's matches it was ({@link #TARGET} for the target). Made only when
 * an extension threw (never on the normal path), without a stack trace of its own: the cause has one.
 *
 * <p>What is contained: every {@link Throwable} but the {@link VirtualMachineError}s other than
 * {@link StackOverflowError}. A {@code RuntimeException}, an {@code AssertionError}, a
 * {@code LinkageError} (a hot-undeployed bundle whose classes are gone while a rule still refers to
 * them) or a stack overflow (unwound by the time it is caught) are about this packet and this
 * extension: the packet is dropped and the worker goes on. An {@code OutOfMemoryError},
 * {@code InternalError} or {@code UnknownError} says the JVM itself is in trouble, whoever happened to
 * be running: blaming the rule that was running would be wrong, so they go on up to the worker's
 * thread, which reports them and is restarted by its supervisor.
 */
final class ExtensionFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final int TARGET = -1;

    /** Index into the rule's matches, or {@link #TARGET}. */
    final int match;

    private ExtensionFailure(int match, Throwable cause) {
        super(null, cause, false, false);
        this.match = match;
    }

    /** {@code t} wrapped, or rethrown as it is when it must not be contained. */
    static ExtensionFailure of(int match, Throwable t) {
        rethrowFatal(t);
        return new ExtensionFailure(match, t);
    }

    /** Throws {@code t} itself when it is a JVM failure that no packet is to blame for. */
    static void rethrowFatal(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
    }

    /** What the extension threw (t itself when it did not come through a rule). */
    static Throwable cause(Throwable t) {
        return t instanceof ExtensionFailure ? t.getCause() : t;
    }
}
