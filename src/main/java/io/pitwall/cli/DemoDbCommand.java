package io.pitwall.cli;

import io.pitwall.demo.DemoDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "demo-db", mixinStandardHelpOptions = true,
        description = {"Start the embedded demo database headless with its simulated workers.",
                "Prints its postgresql:// URL on the first line of stdout and runs until SIGTERM."})
final class DemoDbCommand implements Callable<Integer> {

    private final Output output;

    @Option(names = "--port", paramLabel = "N", description = "TCP port (default: a free one)")
    int port;

    @Option(names = "--no-workers", description = "load the data but run no simulated workers")
    boolean noWorkers;

    @Option(names = "--seed", paramLabel = "N", description = "random seed for the starting rows (default: ${DEFAULT-VALUE})")
    long seed = 42;

    DemoDbCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new CliException(ExitCodes.BAD_INPUT, "--port must be from 0 to 65535");
        }
        DemoDatabase demo = DemoDatabase.start(port, seed);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "demo-db-shutdown"));
        if (!noWorkers) {
            demo.startWorkers();
        }
        output.line(demo.url());
        System.err.println("pitwall: demo database ready" + (noWorkers ? "" : " with simulated workers")
                + "; stop with Ctrl-C or SIGTERM");
        stopped.await();
        return ExitCodes.DONE;
    }
}
