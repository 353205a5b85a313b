package dev.chargestorm.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Raw HTTP against every item of the spec's Appendix A, with the real server's transcripts
 * ({@code toxiproxy-evidence/http-transcript-*.txt}) as the oracle for status, headers and bodies.
 */
class HttpApiConformanceTest {

    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON = "application/json";

    @AutoClose
    final EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start();

    @AutoClose
    final TestServer upstream = TestServer.echo();

    final RawHttp http = new RawHttp(toxiproxy.uri());

    HttpApiConformanceTest() throws IOException {
    }

    @Test
    void versionIsJsonWithTheRealServersSpacing() throws Exception {
        HttpResponse<String> response = http.get("/version");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"version\": \"2.12.0\"}\n");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
    }

    @Test
    void createProxyAnswers201WithTheResolvedListenAndGoFieldOrder() throws Exception {
        HttpResponse<String> response = http.send("POST", "/proxies",
                "{\"name\":\"p1\",\"listen\":\"localhost:0\",\"upstream\":\"" + upstream.address() + "\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
        assertThat(response.body()).matches("\\{\"name\":\"p1\",\"listen\":\"127\\.0\\.0\\.1:\\d+\","
                + "\"upstream\":\"127\\.0\\.0\\.1:\\d+\",\"enabled\":true,\"Logger\":\\{},\"toxics\":\\[]}");
        assertThat(response.body()).doesNotContain("127.0.0.1:0\"");
    }

    @Test
    void disabledCreateEchoesListenAsGiven() throws Exception {
        HttpResponse<String> response = http.send("POST", "/proxies",
                "{\"name\":\"dis\",\"listen\":\"localhost:18600\",\"upstream\":\"localhost:1\",\"enabled\":false}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"name\":\"dis\",\"listen\":\"localhost:18600\",\"upstream\":"
                + "\"localhost:1\",\"enabled\":false,\"Logger\":{},\"toxics\":[]}");
    }

    @Test
    void emptyListenIsKeptAsGivenWhileTheProxyHasNeverStarted() throws Exception {
        // (binding a wildcard would listen beyond loopback; its [::]:port form is checked in ListenAddressTest)
        HttpResponse<String> response = http.send("POST", "/proxies",
                "{\"name\":\"empty\",\"upstream\":\"localhost:1\",\"enabled\":false}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).contains("\"listen\":\"\"");
    }

    @Test
    void proxyValidationErrorsUseTheExactMessagesInOrder() throws Exception {
        assertError(http.send("POST", "/proxies", ""), 400, "bad request body: EOF");
        assertError(http.send("POST", "/proxies", "{\"name\":\"p2\",\"upstream\":\"localhost:1\""), 400,
                "bad request body: unexpected EOF");
        assertError(http.send("POST", "/proxies", "{\"name\":\"\",\"upstream\":\"x\"}"), 400,
                "missing required field: name");
        assertError(http.send("POST", "/proxies", "{\"name\":\"p2\"}"), 400, "missing required field: upstream");
        http.send("POST", "/proxies", "{\"name\":\"p1\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\"}");
        assertError(http.send("POST", "/proxies", "{\"name\":\"p1\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\"}"),
                409, "proxy already exists");
        assertError(http.send("POST", "/proxies", "{\"name\":\"bad\",\"listen\":\"nonsense\",\"upstream\":\"x:1\"}"),
                500, "listen tcp: address nonsense: missing port in address");
    }

    @Test
    void bindConflictIs500WithTheGoMessageAndTheProxyIsNotAdded() throws Exception {
        HttpResponse<String> first = http.send("POST", "/proxies",
                "{\"name\":\"lh\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"localhost:1\"}");
        String listen = first.body().replaceAll(".*\"listen\":\"([^\"]+)\".*", "$1");

        HttpResponse<String> conflict = http.send("POST", "/proxies",
                "{\"name\":\"conflict\",\"listen\":\"" + listen + "\",\"upstream\":\"localhost:1\"}");

        assertError(conflict, 500, "listen tcp " + listen + ": bind: address already in use");
        assertThat(http.get("/proxies/conflict").statusCode()).isEqualTo(404);
    }

    @Test
    void listIsAnObjectWithSortedKeysAndToxicsListIsAnArray() throws Exception {
        assertThat(http.get("/proxies").body()).isEqualTo("{}");
        for (String name : new String[] {"zeta", "alpha", "Mid"}) {
            http.send("POST", "/proxies", "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\"}");
        }

        String list = http.get("/proxies").body();

        assertThat(list).startsWith("{\"Mid\":{\"name\":\"Mid\"");
        assertThat(list.indexOf("\"alpha\":")).isLessThan(list.indexOf("\"zeta\":"));
        assertThat(http.get("/proxies/alpha/toxics").body()).isEqualTo("[]");
    }

    @Test
    void anyContentTypeAndUnknownFieldsAreAccepted() throws Exception {
        String body = "{\"name\":\"form\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"localhost:1\",\"toxics\":null,"
                + "\"extra\":1}";
        String raw = http.exchange("POST /proxies HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n"
                + body);

        assertThat(raw).startsWith("HTTP/1.1 201 Created\r\n");
        assertThat(raw).contains("\"name\":\"form\"");
    }

    @Test
    void postAndDeleteWithoutContentLengthAreEmptyBodiesNot411() throws Exception {
        http.send("POST", "/proxies", "{\"name\":\"p\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\"}");

        String reset = http.exchange("POST /reset HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Content-type: application/x-www-form-urlencoded\r\n\r\n");
        String delete = http.exchange("DELETE /proxies/p HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        String emptyUpdate = http.exchange("POST /proxies/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(reset).startsWith("HTTP/1.1 204 No Content\r\n").doesNotContainIgnoringCase("content-type");
        assertThat(delete).startsWith("HTTP/1.1 204 No Content\r\n");
        assertThat(emptyUpdate).startsWith("HTTP/1.1 404 Not Found\r\n");
    }

    @Test
    void namesWithColonAtAndSpacesAreAddressable() throws Exception {
        for (String name : new String[] {"a:b@c.d", "redis:6379", "a b"}) {
            HttpResponse<String> created = http.send("POST", "/proxies",
                    "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\"}");
            assertThat(created.statusCode()).as(name).isEqualTo(201);
        }

        assertThat(http.get("/proxies/a:b@c.d").body()).contains("\"name\":\"a:b@c.d\"");
        assertThat(http.get("/proxies/redis:6379/toxics").statusCode()).isEqualTo(200);
        assertThat(http.get("/proxies/a%20b").body()).contains("\"name\":\"a b\"");
        assertThat(http.send("DELETE", "/proxies/a%20b", null).statusCode()).isEqualTo(204);
    }

    @Test
    void notFoundAndMethodNotAllowedHaveGorillaMuxForms() throws Exception {
        HttpResponse<String> unknown = http.get("/nothing");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("404 page not found\n");
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue(TEXT);
        assertThat(http.get("/proxies/").statusCode()).isEqualTo(404);
        assertThat(http.get("/metrics").body()).isEqualTo("404 page not found\n");

        for (String[] call : new String[][] {{"PUT", "/proxies/x"}, {"GET", "/reset"}, {"DELETE", "/version"},
                {"PUT", "/proxies/x/toxics/y"}, {"DELETE", "/proxies/x/toxics"}}) {
            HttpResponse<String> response = http.send(call[0], call[1], null);
            assertThat(response.statusCode()).as("%s %s", call[0], call[1]).isEqualTo(405);
            assertThat(response.body()).isEmpty();
            assertThat(response.headers().firstValue("Content-Type")).isEmpty();
        }
        String head = http.exchange("HEAD /version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(head).startsWith("HTTP/1.1 405 Method Not Allowed\r\n");
    }

    @Test
    void missingProxyOrToxicIs404JsonOnEveryRoute() throws Exception {
        http.send("POST", "/proxies", "{\"name\":\"p1\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\"}");

        assertError(http.get("/proxies/nope"), 404, "proxy not found");
        assertError(http.send("DELETE", "/proxies/nope", null), 404, "proxy not found");
        assertError(http.send("PATCH", "/proxies/nope", "{}"), 404, "proxy not found");
        assertError(http.get("/proxies/nope/toxics"), 404, "proxy not found");
        assertError(http.send("POST", "/proxies/nope/toxics", "{\"type\":\"latency\"}"), 404, "proxy not found");
        assertError(http.get("/proxies/p1/toxics/nope"), 404, "toxic not found");
        assertError(http.send("DELETE", "/proxies/p1/toxics/nope", null), 404, "toxic not found");
        assertError(http.send("POST", "/proxies/p1/toxics/nope", "{}"), 404, "toxic not found");
        assertError(http.send("PATCH", "/proxies/p1/toxics/nope", "{}"), 404, "toxic not found");
    }

    @Test
    void browsersAreBlockedWith403() throws Exception {
        HttpResponse<String> response = http.send("GET", "/proxies", null, "Mozilla/5.0");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("User agent not allowed\n");
        assertThat(http.send("GET", "/proxies", null, "curl/8.0").statusCode()).isEqualTo(200);
    }

    @Test
    void toxicDefaultsAndEveryTypesCompleteAttributes() throws Exception {
        http.send("POST", "/proxies", "{\"name\":\"p1\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\"}");

        assertToxic("{\"type\":\"latency\",\"attributes\":{\"latency\":100}}",
                "{\"attributes\":{\"latency\":100,\"jitter\":0},\"name\":\"latency_downstream\",\"type\":\"latency\","
                        + "\"stream\":\"downstream\",\"toxicity\":1}");
        assertToxic("{\"type\":\"latency\",\"stream\":\"UPSTREAM\"}",
                "{\"attributes\":{\"latency\":0,\"jitter\":0},\"name\":\"latency_UPSTREAM\",\"type\":\"latency\","
                        + "\"stream\":\"UPSTREAM\",\"toxicity\":1}");
        assertToxic("{\"name\":\"my-toxic\",\"stream\":\"downstream\",\"toxicity\":1.0,\"type\":\"bandwidth\","
                        + "\"attributes\":{\"rate\":100}}",
                "{\"attributes\":{\"rate\":100},\"name\":\"my-toxic\",\"type\":\"bandwidth\",\"stream\":\"downstream\","
                        + "\"toxicity\":1}");
        assertToxic("{\"name\":\"tox0\",\"type\":\"slow_close\",\"toxicity\":0,\"attributes\":{\"delay\":5,\"bogus\":1}}",
                "{\"attributes\":{\"delay\":5},\"name\":\"tox0\",\"type\":\"slow_close\",\"stream\":\"downstream\","
                        + "\"toxicity\":0}");
        assertToxic("{\"name\":\"nn\",\"type\":\"noop\"}",
                "{\"attributes\":{},\"name\":\"nn\",\"type\":\"noop\",\"stream\":\"downstream\",\"toxicity\":1}");
        assertToxic("{\"name\":\"sl\",\"type\":\"slicer\",\"stream\":\"upstream\",\"attributes\":{\"average_size\":100,"
                        + "\"delay\":10}}",
                "{\"attributes\":{\"average_size\":100,\"size_variation\":0,\"delay\":10},\"name\":\"sl\",\"type\":"
                        + "\"slicer\",\"stream\":\"upstream\",\"toxicity\":1}");
        assertToxic("{\"name\":\"ld\",\"type\":\"limit_data\",\"attributes\":{\"bytes\":10}}",
                "{\"attributes\":{\"bytes\":10},\"name\":\"ld\",\"type\":\"limit_data\",\"stream\":\"downstream\","
                        + "\"toxicity\":1}");
        assertToxic("{\"name\":\"rp\",\"type\":\"reset_peer\",\"attributes\":{\"timeout\":10}}",
                "{\"attributes\":{\"timeout\":10},\"name\":\"rp\",\"type\":\"reset_peer\",\"stream\":\"downstream\","
                        + "\"toxicity\":1}");
        assertToxic("{\"name\":\"to\",\"type\":\"timeout\",\"stream\":\"upstream\",\"attributes\":{\"timeout\":0}}",
                "{\"attributes\":{\"timeout\":0},\"name\":\"to\",\"type\":\"timeout\",\"stream\":\"upstream\","
                        + "\"toxicity\":1}");
        assertToxic("{\"name\":\"frac\",\"type\":\"noop\",\"toxicity\":0.1}",
                "{\"attributes\":{},\"name\":\"frac\",\"type\":\"noop\",\"stream\":\"downstream\",\"toxicity\":0.1}");

        String toxics = http.get("/proxies/p1/toxics").body();
        assertThat(toxics.indexOf("\"name\":\"latency_UPSTREAM\"")).isLessThan(toxics.indexOf("\"name\":\"sl\""));
        assertThat(toxics.indexOf("\"name\":\"to\"")).isLessThan(toxics.indexOf("\"name\":\"latency_downstream\""));
        assertThat(http.get("/proxies/p1").body()).contains("\"toxics\":" + toxics);
    }

    @Test
    void toxicCreateErrorsUseTheExactMessages() throws Exception {
        http.send("POST", "/proxies", "{\"name\":\"p1\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\"}");
        http.send("POST", "/proxies/p1/toxics", "{\"name\":\"my-toxic\",\"type\":\"bandwidth\"}");

        assertError(http.send("POST", "/proxies/p1/toxics", "{\"type\":\"latency\",\"stream\":\"walrus\"}"), 400,
                "stream was invalid, can be either upstream or downstream");
        assertError(http.send("POST", "/proxies/p1/toxics", "{\"type\":\"latency\",\"stream\":\"\"}"), 400,
                "stream was invalid, can be either upstream or downstream");
        assertError(http.send("POST", "/proxies/p1/toxics", "{\"type\":\"nope\"}"), 400, "invalid toxic type");
        assertError(http.send("POST", "/proxies/p1/toxics", "null"), 400, "invalid toxic type");
        assertError(http.send("POST", "/proxies/p1/toxics", "{\"name\":\"my-toxic\",\"type\":\"latency\","
                + "\"stream\":\"upstream\"}"), 409, "toxic already exists");
        assertError(http.send("POST", "/proxies/p1/toxics", "{\"name\":\"badattr\",\"type\":\"latency\","
                + "\"attributes\":{\"latency\":\"abc\"}}"), 400, "bad request body: json: cannot unmarshal string into "
                + "Go struct field LatencyToxic.attributes.latency of type int64");
        assertError(http.send("POST", "/proxies/p1/toxics", "{\"name\":\"floatattr\",\"type\":\"latency\","
                + "\"attributes\":{\"latency\":100.0}}"), 400, "bad request body: json: cannot unmarshal number 100.0 "
                + "into Go struct field LatencyToxic.attributes.latency of type int64");
        assertError(http.send("POST", "/proxies/p1/toxics", "{\"name\":\"toxstr\",\"type\":\"latency\","
                + "\"toxicity\":\"0.5\"}"), 400, "bad request body: json: cannot unmarshal string into Go struct field "
                + "ToxicWrapper.toxicity of type float32");
        assertThat(http.send("POST", "/proxies/p1/toxics", "[]").statusCode()).isEqualTo(400);
    }

    @Test
    void toxicUpdatesMergeAttributesKeepToxicityAndIgnoreIdentityFields() throws Exception {
        http.send("POST", "/proxies", "{\"name\":\"p1\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\"}");
        http.send("POST", "/proxies/p1/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":100}}");

        HttpResponse<String> toxicity = http.send("POST", "/proxies/p1/toxics/latency_downstream",
                "{\"toxicity\":0.5}");
        HttpResponse<String> merged = http.send("PATCH", "/proxies/p1/toxics/latency_downstream",
                "{\"attributes\":{\"jitter\":10},\"name\":\"renamed\",\"stream\":\"upstream\",\"type\":\"bandwidth\"}");

        assertThat(toxicity.statusCode()).isEqualTo(200);
        assertThat(merged.body()).isEqualTo("{\"attributes\":{\"latency\":100,\"jitter\":10},\"name\":"
                + "\"latency_downstream\",\"type\":\"latency\",\"stream\":\"downstream\",\"toxicity\":0.5}");
        assertError(http.send("PATCH", "/proxies/p1/toxics/latency_downstream", ""), 400, "bad request body: EOF");
        assertError(http.send("PATCH", "/proxies/p1/toxics/latency_downstream",
                "{\"attributes\":{\"jitter\":20,\"latency\":\"x\"}}"), 400, "bad request body: json: cannot unmarshal "
                + "string into Go struct field LatencyToxic.attributes.latency of type int64");
        assertThat(http.get("/proxies/p1/toxics/latency_downstream").body())
                .as("a rejected update changes nothing (validated before it is applied)")
                .contains("\"jitter\":10");
    }

    @Test
    void toxicDeleteIs204() throws Exception {
        http.send("POST", "/proxies", "{\"name\":\"p1\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\"}");
        http.send("POST", "/proxies/p1/toxics", "{\"name\":\"t\",\"type\":\"noop\"}");

        HttpResponse<String> response = http.send("DELETE", "/proxies/p1/toxics/t", null);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(http.get("/proxies/p1/toxics").body()).isEqualTo("[]");
    }

    @Test
    void proxyUpdateMergesFieldsAndIgnoresName() throws Exception {
        http.send("POST", "/proxies", "{\"name\":\"p1\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\"}");

        HttpResponse<String> disabled = http.send("POST", "/proxies/p1", "{\"enabled\":false}");
        HttpResponse<String> patched = http.send("PATCH", "/proxies/p1", "{\"upstream\":\"x:2\",\"name\":\"renamed\"}");

        assertThat(disabled.body()).contains("\"enabled\":false");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(patched.body()).contains("\"name\":\"p1\"", "\"upstream\":\"x:2\"", "\"enabled\":false");
        assertError(http.send("POST", "/proxies/p1", "{\"listen\":\"bad\"}"), 500,
                "address bad: missing port in address");
        assertError(http.send("POST", "/proxies/p1", ""), 400, "bad request body: EOF");
    }

    @Test
    void populateCreatesKeepsAndReplacesInOrder() throws Exception {
        http.send("POST", "/proxies", "{\"name\":\"keep\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\"}");
        String keepListen = http.get("/proxies/keep").body().replaceAll(".*\"listen\":\"([^\"]+)\".*", "$1");
        http.send("POST", "/proxies/keep/toxics", "{\"name\":\"stays\",\"type\":\"noop\"}");
        http.send("POST", "/proxies", "{\"name\":\"replace\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\"}");
        http.send("POST", "/proxies/replace/toxics", "{\"name\":\"goes\",\"type\":\"noop\"}");

        HttpResponse<String> response = http.send("POST", "/populate", "[{\"name\":\"new\",\"listen\":\"127.0.0.1:0\","
                + "\"upstream\":\"x:1\"},{\"name\":\"keep\",\"listen\":\"" + keepListen.replace("127.0.0.1", "localhost")
                + "\",\"upstream\":\"x:1\",\"enabled\":false},{\"name\":\"replace\",\"listen\":\"127.0.0.1:0\","
                + "\"upstream\":\"x:9\"},{\"name\":\"off\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\","
                + "\"enabled\":false}]");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
        String body = response.body();
        assertThat(body).startsWith("{\"proxies\":[{\"name\":\"new\"");
        assertThat(http.get("/proxies/keep").body()).contains("\"enabled\":true", "\"name\":\"stays\"");
        assertThat(http.get("/proxies/replace").body()).contains("\"upstream\":\"x:9\"", "\"toxics\":[]");
        assertThat(http.get("/proxies/off").body()).contains("\"enabled\":false");
        assertThat(http.send("POST", "/populate", "[]").body()).isEqualTo("{\"proxies\":null}");
    }

    @Test
    void populateValidatesEverythingFirstAndStopsAtTheFirstFailure() throws Exception {
        HttpResponse<String> invalid = http.send("POST", "/populate", "[{\"name\":\"pop3\",\"listen\":\"127.0.0.1:0\","
                + "\"upstream\":\"localhost:1\"},{\"name\":\"\",\"upstream\":\"x\"}]");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type")).hasValue(JSON);
        assertThat(invalid.body()).isEqualTo("{\"error\":\"missing required field: name at proxy 2\",\"status\":400,"
                + "\"proxies\":null}");
        assertThat(http.get("/proxies/pop3").statusCode()).isEqualTo(404);

        http.send("POST", "/proxies", "{\"name\":\"holder\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\"}");
        String taken = http.get("/proxies/holder").body().replaceAll(".*\"listen\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> partial = http.send("POST", "/populate", "[{\"name\":\"pop4\",\"listen\":\"127.0.0.1:0\","
                + "\"upstream\":\"localhost:1\"},{\"name\":\"pop5\",\"listen\":\"" + taken + "\",\"upstream\":"
                + "\"localhost:1\"},{\"name\":\"pop6\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"localhost:1\"}]");
        assertThat(partial.statusCode()).isEqualTo(500);
        assertThat(partial.body()).startsWith("{\"error\":\"listen tcp " + taken + ": bind: address already in use\","
                + "\"status\":500,\"proxies\":[{\"name\":\"pop4\"");
        assertThat(http.get("/proxies/pop4").statusCode()).isEqualTo(200);
        assertThat(http.get("/proxies/pop6").statusCode()).isEqualTo(404);

        HttpResponse<String> notArray = http.send("POST", "/populate", "{}");
        assertThat(notArray.statusCode()).isEqualTo(400);
        assertThat(notArray.body()).startsWith("{\"error\":\"bad request body: json: cannot unmarshal object into Go "
                + "value of type []struct").endsWith("\"status\":400,\"proxies\":null}");
    }

    @Test
    void resetIs204AndIgnoresItsBody() throws Exception {
        http.send("POST", "/proxies", "{\"name\":\"p1\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\","
                + "\"enabled\":false}");
        http.send("POST", "/proxies/p1/toxics", "{\"name\":\"t\",\"type\":\"noop\"}");

        HttpResponse<String> reset = http.send("POST", "/reset", "garbage{");

        assertThat(reset.statusCode()).isEqualTo(204);
        assertThat(http.get("/proxies/p1").body()).contains("\"enabled\":true", "\"toxics\":[]");
    }

    @Test
    void toxicsCanBeAddedToADisabledProxyAndSurviveEnabling() throws Exception {
        http.send("POST", "/proxies", "{\"name\":\"p1\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\","
                + "\"enabled\":false}");

        assertThat(http.send("POST", "/proxies/p1/toxics", "{\"name\":\"t\",\"type\":\"noop\"}").statusCode())
                .isEqualTo(200);
        http.send("POST", "/proxies/p1", "{\"enabled\":true}");
        http.send("POST", "/proxies/p1", "{\"enabled\":false}");

        assertThat(http.get("/proxies/p1/toxics").body()).contains("\"name\":\"t\"");
    }

    @Test
    void browsersAreBlockedOnEveryRouteButUnknownPathsStay404() throws Exception {
        assertThat(http.send("POST", "/proxies/x/toxics", "{}", "Mozilla/5.0 (X11)").statusCode()).isEqualTo(403);
        assertThat(http.send("GET", "/nothing", null, "Mozilla/5.0").statusCode()).isEqualTo(404);
        assertThat(http.send("PUT", "/version", null, "Mozilla/5.0").statusCode()).isEqualTo(405);
    }

    @Test
    void htmlCharactersInStringsAreEscapedLikeGo() throws Exception {
        HttpResponse<String> response = http.send("POST", "/proxies",
                "{\"name\":\"a<b>&c\\u2028\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\",\"enabled\":false}");

        assertThat(response.body()).startsWith("{\"name\":\"a\\u003cb\\u003e\\u0026c\\u2028\",");
        assertThat(http.get("/proxies/a%3Cb%3E%26c%E2%80%A8").statusCode()).isEqualTo(200);
    }

    @Test
    void matchedRoutesCarryARequestId() throws Exception {
        assertThat(http.get("/version").headers().firstValue("X-Toxiproxy-Request-Id")).isPresent();
        assertThat(http.get("/nothing").headers().firstValue("X-Toxiproxy-Request-Id")).isEmpty();
    }

    private void assertToxic(String request, String expected) throws Exception {
        HttpResponse<String> response = http.send("POST", "/proxies/p1/toxics", request);
        assertThat(response.statusCode()).as(request).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
        assertThat(response.body()).isEqualTo(expected);
    }

    private static void assertError(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(message).isEqualTo(status);
        assertThat(response.body()).isEqualTo("{\"error\":\"" + message + "\",\"status\":" + status + "}\n");
        assertThat(response.headers().firstValue("Content-Type")).hasValue(TEXT);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
}
