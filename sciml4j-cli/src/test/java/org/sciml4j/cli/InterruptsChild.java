package org.sciml4j.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A process for {@link InterruptsTest}: installs the handlers, says "ready", raises the signal named on each line of
 * its input, says "requested" once a signal asked it to stop, then keeps busy as a long save would. With the argument
 * {@code never-polls} it keeps busy from the start without ever polling, as a fit in one call does.
 */
final class InterruptsChild {
    private InterruptsChild() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(Interrupts.install(System.out) ? "ready" : "no signal handling");
        System.out.flush();
        Thread raiser = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    InterruptsTest.raise(line.strip());
                }
            } catch (Exception e) {
                e.printStackTrace();
            }
        });
        raiser.setDaemon(true);
        raiser.start();
        if (args.length > 0 && args[0].equals("never-polls")) {
            while (true) {
                Thread.sleep(1000); // a long computation that never asks whether to stop
            }
        }
        while (!Interrupts.requested()) {
            Thread.sleep(5);
        }
        System.out.println("requested");
        System.out.flush();
        while (true) {
            Thread.sleep(1000); // a save that takes long; only a second signal ends this
        }
    }
}
