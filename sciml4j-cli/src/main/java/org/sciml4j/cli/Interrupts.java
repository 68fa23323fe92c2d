package org.sciml4j.cli;

import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to stop a training run cleanly. The first signal sets a flag that the
 * training loop polls with {@link #requested()} and prints {@value #FIRST_NOTICE}; the loop then finishes its current
 * step, writes everything and says how to resume. A run that has not polled the flag since {@link #clear()} (a fit
 * in one call such as SINDy's, or the work before a training's first step) could not stop cleanly: there the first
 * signal already ends the process, as a second one does. A second signal ends the process at once with status
 * {@value #EXIT_STATUS} (128 + SIGINT, the shell's convention); files written through
 * {@link org.sciml4j.io.AtomicFiles} are then complete or untouched, and the next run into the folder deletes any
 * temporary file left behind.
 * <p>
 * The handlers use {@code sun.misc.Signal} (module {@code jdk.unsupported}, present from JDK 17 to 25), reached by
 * reflection: a runtime without it, or a JVM started with {@code -Xrs} that keeps the signals for itself, still
 * runs; {@link #install} then returns false and the signals keep their default effect (the process ends).
 */
public final class Interrupts {
    /** The exit status after a second signal. */
    public static final int EXIT_STATUS = 130;
    /** The line printed at the first signal. */
    public static final String FIRST_NOTICE =
            "interrupt: finishing the current step and saving; press Ctrl-C again to exit at once";
    private static final String[] SIGNALS = {"INT", "TERM"};

    private static final AtomicInteger RECEIVED = new AtomicInteger();
    /** Whether the run polled {@link #requested()} since {@link #clear()}: only then can a signal stop it cleanly. */
    private static volatile boolean polled;
    /** The handlers replaced by {@link #install}, by signal name, for {@link #uninstall}. */
    private static final Map<String, Object> REPLACED = new LinkedHashMap<>();
    private static volatile PrintStream notices = System.err;

    private Interrupts() {
    }

    /**
     * Installs the handlers for SIGINT and SIGTERM (again: the notices go to the latest stream given).
     *
     * @param out where the notices are printed (typically standard error)
     * @return whether at least one handler is installed; false where the runtime cannot handle signals
     */
    public static synchronized boolean install(PrintStream out) {
        notices = Objects.requireNonNull(out, "out");
        if (!REPLACED.isEmpty()) {
            return true;
        }
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            for (String name : SIGNALS) {
                Object handler = Proxy.newProxyInstance(Interrupts.class.getClassLoader(),
                        new Class<?>[] {handlerClass}, handlerFor(name));
                try {
                    Object signal = signalClass.getConstructor(String.class).newInstance(name);
                    REPLACED.put(name, handle.invoke(null, signal, handler));
                } catch (InvocationTargetException e) {
                    // unknown here, or taken (by the JVM under -Xrs, or the system): it keeps its default effect
                }
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // no sun.misc.Signal here: Ctrl-C ends the process as usual
        }
        return !REPLACED.isEmpty();
    }

    /** The proxy body: {@code handle(Signal)} counts the signal; the methods of Object behave as for any object. */
    private static InvocationHandler handlerFor(String name) {
        return (proxy, method, args) -> switch (method.getName()) {
            case "handle" -> {
                received(name);
                yield null;
            }
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "Interrupts handler for SIG" + name;
            default -> throw new UnsupportedOperationException(method.getName());
        };
    }

    /** Puts back the handlers that {@link #install} replaced; does nothing if none is installed. */
    public static synchronized void uninstall() {
        if (REPLACED.isEmpty()) {
            return;
        }
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Method handle = signalClass.getMethod("handle", signalClass, Class.forName("sun.misc.SignalHandler"));
            for (Map.Entry<String, Object> e : REPLACED.entrySet()) {
                handle.invoke(null, signalClass.getConstructor(String.class).newInstance(e.getKey()), e.getValue());
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw new IllegalStateException("cannot put back the signal handlers: " + e, e);
        } finally {
            REPLACED.clear();
        }
    }

    /** Whether a signal asked the run to stop; the training loop polls this between two steps. */
    public static boolean requested() {
        polled = true;
        return RECEIVED.get() > 0;
    }

    /** Forgets the signals received and whether the run polled, for a further run in the same process. */
    public static void clear() {
        RECEIVED.set(0);
        polled = false;
    }

    /**
     * A signal arrived: the first asks a run that polls to stop; a second one, or the first to a run that has never
     * polled, ends the process now.
     */
    private static void received(String signal) {
        PrintStream out = notices;
        boolean first = RECEIVED.incrementAndGet() == 1;
        if (first && polled) {
            out.println(FIRST_NOTICE);
            out.flush();
            return;
        }
        out.println("interrupt: SIG" + signal + (first ? " while no step can stop cleanly" : " again")
                + ", exiting at once");
        out.flush();
        // halt, not exit: shutdown hooks could wait on the very work the user no longer wants to wait for
        Runtime.getRuntime().halt(EXIT_STATUS);
    }
}
