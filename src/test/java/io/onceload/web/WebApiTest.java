package io.onceload.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.testing.Orders;
import io.onceload.testing.ServiceProcess;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web view's HTTP interface against a real service: Host check, methods, parameters, actions, metrics. */
class WebApiTest {

    /** One sample line of the Prometheus text format: name, optional labels, a number. */
    private static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\",?)*\\})? (-?[0-9.eE+-]+|NaN)");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    static Path home;

    private static Process service;
    private static String base;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        Orders.reset();
        Files.createDirectories(home.resolve("routes"));
        Files.createDirectories(home.resolve("inbox/orders"));
        Files.writeString(home.resolve("routes/orders.camel.yaml"), TestApp.pipeline("orders"));
        service = ServiceProcess.start(home, "service.log");
        TestApp.await("the web view", Duration.ofSeconds(60), () -> Files.exists(home.resolve("data/http.properties")));
        base = WebView.url(home.resolve("data"));
        port = URI.create(base).getPort();
    }

    @AfterAll
    static void stop() throws Exception {
        service.destroy();
        service.waitFor();
        Files.readString(home.resolve("service.log")).lines().filter(l -> l.contains("WARN") || l.contains("ERROR")
                || l.contains("Exception")).limit(30).forEach(System.out::println);
    }

    @Test
    void itListensOnLoopbackOnlyAndAnswersOnlyToItsOwnHostName() throws Exception {
        assertThat(base).startsWith("http://127.0.0.1:");
        for (InetAddress address : nonLoopbackAddresses()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), 2000);
                throw new AssertionError("the web view answers on " + address);
            } catch (ConnectException | SocketTimeoutException expected) {
                // nothing listens there
            }
        }
        assertThat(rawStatus("/api/pipelines", "127.0.0.1:" + port)).isEqualTo(200);
        assertThat(rawStatus("/api/pipelines", "localhost:" + port)).isEqualTo(200);
        assertThat(rawStatus("/api/pipelines", "attacker.example:" + port)).as("DNS rebinding").isEqualTo(403);
        assertThat(rawStatus("/api/pipelines?Host=127.0.0.1:" + port, "attacker.example"))
                .as("a query parameter cannot pose as the header").isEqualTo(403);
        String instance = InetAddress.getLocalHost().getHostName() + ":" + service.pid();
        TestApp.await("the service's heartbeat in the grid", Duration.ofSeconds(30),
                () -> get("/api/pipelines").body().contains("{\"name\":\"" + instance + "\""));
        HttpResponse<String> page = get("/");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(get("/api/runs").headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
    }

    @Test
    void badParametersUnknownIdsAndWrongMethodsAreRefusedWithWhatIsAllowed() throws Exception {
        HttpResponse<String> limit = get("/api/runs?limit=0");
        assertThat(limit.statusCode()).isEqualTo(400);
        assertThat(limit.body()).contains("limit must be a whole number from 1 to 10000");
        assertThat(get("/api/runs?from=yesterday").body()).contains("from must be a date yyyy-MM-dd");
        assertThat(get("/api/pipelines?days=999").statusCode()).isEqualTo(400);
        assertThat(get("/api/runs/not-a-uuid").statusCode()).isEqualTo(400);
        assertThat(get("/api/runs/00000000-0000-0000-0000-000000000000").statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/api/runs", null, null).statusCode()).isEqualTo(405);
        assertThat(send("POST", "/api/runs", null, "{}").statusCode()).isEqualTo(405);
        assertThat(send("GET", "/api/pipelines/orders/trigger", null, null).statusCode())
                .as("405 before any credential is asked for").isEqualTo(405);
    }

    @Test
    void actionsNeedTheServicesCredentialsAndJson() throws Exception {
        long before = TestDatabase.count("SELECT count(*) FROM onceload.run WHERE trigger = 'http'");
        HttpResponse<String> anonymous = send("POST", "/api/pipelines/orders/trigger", null, "{}");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as("no browser prompt to remember").isEmpty();
        assertThat(send("POST", "/api/pipelines/orders/trigger", basic("onceload", "wrong"), "{}").statusCode())
                .isEqualTo(401);
        HttpResponse<String> form = CLIENT.send(request("/api/pipelines/orders/trigger")
                .header("Authorization", credentials()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("date=2026-11-20")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).as("a form post, as a cross-site page could send").isEqualTo(415);
        assertThat(send("POST", "/api/pipelines/nope/trigger", credentials(), "{}").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/pipelines/orders/clear", credentials(), "{\"task\":\"x\"}").statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/api/pipelines/orders/trigger", credentials(), "{\"date\":\"20.11.2026\"}")
                .statusCode()).isEqualTo(400);

        HttpResponse<String> accepted = send("POST", "/api/pipelines/orders/trigger", credentials(),
                "{\"date\":\"2026-11-20\"}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        TestApp.await("the triggered run", Duration.ofSeconds(30), () -> TestDatabase.count(
                "SELECT count(*) FROM onceload.run WHERE trigger = 'http'") == before + 1);
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.run WHERE trigger = 'http'"
                + " AND logical_date = '2026-11-20'")).as("only the accepted one ran").isEqualTo(1);
    }

    @Test
    void metricsAreValidPrometheusTextAndMoveAfterALoad() throws Exception {
        String first = get("/metrics").body();
        assertThat(first).contains("onceload_database_up 1.0");
        for (String line : first.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList()) {
            assertThat(line).matches(SAMPLE);
        }
        double published = published(first);
        Files.copy(Path.of("examples/orders.csv"), home.resolve("inbox/orders/m" + System.nanoTime() + ".csv"));
        TestApp.await("the load to show in /metrics", Duration.ofSeconds(30),
                () -> published(get("/metrics").body()) == published + 1);
        assertThat(get("/metrics").body()).contains("onceload_rows_total{kind=\"inserted\",pipeline=\"orders\"}")
                .contains("onceload_last_complete_timestamp_seconds{pipeline=\"orders\"}")
                .contains("onceload_load_duration_seconds_count{pipeline=\"orders\"}");
    }

    private static double published(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("onceload_runs_total{pipeline=\"orders\",status=\"published\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }

    private static String credentials() throws IOException {
        Properties jmx = new Properties();
        try (var in = Files.newInputStream(home.resolve("data/jmx.properties"))) {
            jmx.load(in);
        }
        return basic(jmx.getProperty("user"), jmx.getProperty("password"));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(String path) {
        try {
            return CLIENT.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(String method, String path, String authorization, String json)
            throws Exception {
        HttpRequest.Builder builder = request(path);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        return CLIENT.send(builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base.replaceAll("/$", "") + path));
    }

    /** A GET with a Host header of the test's choosing, which the JDK client will not send. */
    private static int rawStatus(String path, String host) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).toList();
    }
}
