package io.voxtok.training.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets Ctrl-C (SIGINT) and {@code kill} (SIGTERM) end a training run cleanly: the first signal only sets a flag that
 * the training loop polls ({@link #stopRequested()}) between steps, so it can finish the step, write a checkpoint and
 * return; a second signal ends the process at once ({@link Runtime#halt} with the shell's code, 128 + signal
 * number), for a loop that is stuck.
 *
 * <p>Why {@code sun.misc.Signal} and not a shutdown hook: a hook runs only once the JVM is already exiting, in
 * parallel with every other hook (DJL's engine and the logging back end shut down at the same time), so a
 * checkpoint written from it races with native resources being freed, and the JVM offers no way to react to a
 * second Ctrl-C. A signal handler replaces the default action instead, so nothing shuts down until the loop
 * returns. {@code sun.misc.Signal} is in the {@code jdk.unsupported} module, exported on purpose for this use and
 * present in every OpenJDK build; it is called through reflection only so that every build does not print javac's
 * "internal proprietary API" warnings. Where a signal cannot be handled (the JVM runs with {@code -Xrs}, another
 * platform, a JDK without the class), installing logs a warning and the default action stays.
 *
 * <p>Signal handlers are process-wide: {@link #install()} replaces the handlers of SIGINT and SIGTERM and
 * {@link #close()} puts the previous ones back; install one at a time. Thread-safe.
 */
public final class StopSignal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignal.class);
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final AtomicReference<String> reason = new AtomicReference<>();
    private final AtomicInteger signals = new AtomicInteger();
    private final IntConsumer exit;
    private final PrintStream err;
    private final List<Restore> installed = new ArrayList<>();

    /** A {@code sun.misc.Signal} and the {@code sun.misc.SignalHandler} it had before. */
    private record Restore(Object signal, Object previous) {
    }

    private StopSignal(IntConsumer exit, PrintStream err) {
        this.exit = exit;
        this.err = err;
    }

    /** A flag only, with no signal handlers: for tests and for loops stopped by other means. */
    public static StopSignal unhandled() {
        return new StopSignal(code -> Runtime.getRuntime().halt(code), System.err);
    }

    /** Installs the SIGINT and SIGTERM handlers; a second signal halts the JVM. */
    public static StopSignal install() {
        return install(code -> Runtime.getRuntime().halt(code), System.err);
    }

    /** {@link #install()} with the action of a second signal given (tests pass one that does not exit). */
    static StopSignal install(IntConsumer exit, PrintStream err) {
        StopSignal s = new StopSignal(exit, err);
        for (String name : SIGNALS) {
            try {
                s.installed.add(SignalApi.handle(name, s::onSignal));
            } catch (ReflectiveOperationException | RuntimeException e) {
                Throwable why = e instanceof InvocationTargetException t ? t.getCause() : e;
                LOG.warn("cannot handle SIG{} ({}); it will stop the run without a checkpoint", name, why);
            }
        }
        return s;
    }

    /**
     * The handler body: the first call requests a stop, any later one exits with {@code 128 + number}.
     *
     * @param name   signal name without {@code SIG}, e.g. {@code INT}
     * @param number signal number (2 for INT, 15 for TERM)
     */
    void onSignal(String name, int number) {
        if (signals.incrementAndGet() == 1) {
            reason.compareAndSet(null, "SIG" + name);
            err.println();
            err.println("SIG" + name + ": stopping after this step and writing a checkpoint (signal again to exit now)");
            err.flush();
        } else {
            err.println();
            err.println("SIG" + name + " again: exiting now, without a checkpoint");
            err.flush();
            exit.accept(128 + number);
        }
    }

    /** Whether a stop was requested by a signal or {@link #requestStop}. */
    public boolean stopRequested() {
        return reason.get() != null;
    }

    /** What requested the stop: {@code SIGINT}, {@code SIGTERM} or the text given to {@link #requestStop}. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason.get());
    }

    /** Requests a stop from code (a time limit, a NaN loss); the first reason given is kept. */
    public void requestStop(String why) {
        reason.compareAndSet(null, why);
    }

    /** Puts the previous signal handlers back. Idempotent. */
    @Override
    public synchronized void close() {
        for (Restore r : installed) {
            try {
                SignalApi.restore(r);
            } catch (ReflectiveOperationException e) {
                LOG.warn("cannot restore the handler of {}: {}", r.signal(), e.toString());
            }
        }
        installed.clear();
    }

    /** {@code sun.misc.Signal.handle(new Signal(name), handler)} through reflection (see the class comment). */
    private static final class SignalApi {
        private SignalApi() {
        }

        /** Called with the signal's name ({@code INT}) and number ({@code 2}). */
        interface Handler {
            void on(String name, int number);
        }

        static Restore handle(String name, Handler handler) throws ReflectiveOperationException {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance(name);
            Method getName = signalClass.getMethod("getName");
            Method getNumber = signalClass.getMethod("getNumber");
            Object proxy = Proxy.newProxyInstance(StopSignal.class.getClassLoader(), new Class<?>[] {handlerType},
                    (self, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            handler.on((String) getName.invoke(args[0]), (Integer) getNumber.invoke(args[0]));
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(self);
                        case "equals" -> self == args[0];
                        case "toString" -> "StopSignal handler for SIG" + name;
                        default -> throw new UnsupportedOperationException(method.toString());
                    });
            Object previous = signalClass.getMethod("handle", signalClass, handlerType).invoke(null, signal, proxy);
            return new Restore(signal, previous);
        }

        static void restore(Restore r) throws ReflectiveOperationException {
            Class<?> signalClass = r.signal().getClass();
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            signalClass.getMethod("handle", signalClass, handlerType).invoke(null, r.signal(), r.previous());
        }
    }
}
