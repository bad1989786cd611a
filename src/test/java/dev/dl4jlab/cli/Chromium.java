package dev.dl4jlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Headless Chromium as the UI tests run it: no network beyond localhost, a fresh profile, 15 s of virtual time. */
final class Chromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");

    private Chromium() {
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Runs Chromium with {@code extra} arguments (e.g. --dump-dom URL); returns what it printed. */
    static String run(Path work, List<String> extra) throws IOException, InterruptedException {
        List<String> command = command(work);
        command.add("--virtual-time-budget=15000");
        command.addAll(extra);
        Process process = new ProcessBuilder(command).redirectError(work.resolve("chromium.log").toFile()).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        return out;
    }

    private static List<String> command(Path work) throws IOException {
        return new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(work, "chromium")));
    }

    /**
     * Opens {@code url} in a window of {@code width × height} and evaluates the JavaScript {@code expression} in the page
     * (through the DevTools protocol) every quarter second until it gives something other than null, within 60 s; returns
     * that value as JSON. For what the DOM alone does not tell: laid-out sizes, scroll widths.
     */
    static JsonNode evaluate(Path work, String url, int width, int height, String expression) throws Exception {
        List<String> command = command(work);
        command.addAll(List.of("--remote-debugging-port=0", "--window-size=" + width + "," + height, url));
        Process process = new ProcessBuilder(command).redirectOutput(work.resolve("chromium-devtools.log").toFile()).start();
        try {
            int port = devToolsPort(process);
            ObjectMapper json = new ObjectMapper();
            HttpClient http = HttpClient.newHttpClient();
            String socket = null;
            for (long deadline = System.currentTimeMillis() + 30_000; socket == null && System.currentTimeMillis() < deadline; ) {
                JsonNode targets = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode target : targets) {
                    if (target.path("type").asText().equals("page") && target.path("url").asText().startsWith(url)) {
                        socket = target.path("webSocketDebuggerUrl").asText();
                    }
                }
                Thread.sleep(socket == null ? 250 : 0);
            }
            assertTrue(socket != null, "Chromium opened " + url);
            Replies replies = new Replies();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(socket), replies).get(30, TimeUnit.SECONDS);
            try {
                for (int id = 1; id < 240; id++) {
                    CompletableFuture<String> reply = replies.expect();
                    ws.sendText(json.createObjectNode().put("id", id).put("method", "Runtime.evaluate")
                            .set("params", json.createObjectNode().put("expression", expression).put("returnByValue", true)).toString(), true);
                    JsonNode result = json.readTree(reply.get(30, TimeUnit.SECONDS)).path("result").path("result");
                    if (result.has("value") && !result.get("value").isNull()) {
                        return result.get("value");
                    }
                    Thread.sleep(250);
                }
                throw new AssertionError(expression + " stayed null in " + url);
            } finally {
                ws.abort();
            }
        } finally {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "chromium ended");
        }
    }

    /** The port of "DevTools listening on ws://127.0.0.1:PORT/..." that Chromium prints on stderr. */
    private static int devToolsPort(Process process) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream()));
        Pattern listening = Pattern.compile("DevTools listening on ws://[^:]+:(\\d+)/");
        for (String line; (line = err.readLine()) != null; ) {
            Matcher m = listening.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        err.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException ended) {
                        // the process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("Chromium did not open its DevTools port");
    }

    /** The one reply awaited at a time (requests go one by one); events between replies are skipped. */
    private static final class Replies implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();
        private volatile CompletableFuture<String> next;

        CompletableFuture<String> expect() {
            next = new CompletableFuture<>();
            return next;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String text = message.toString();
                message.setLength(0);
                if (text.contains("\"id\"") && next != null) {
                    next.complete(text);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
