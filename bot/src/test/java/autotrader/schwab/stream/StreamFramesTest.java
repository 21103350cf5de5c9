package autotrader.schwab.stream;

import autotrader.schwab.SchwabException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamFramesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneFrameCanHoldAcksDataAndHeartbeatsWithNumbersAsStringsAndUnknownMembers() {
        List<StreamMessage> m = StreamFrames.parse("""
                {"response":[{"service":"ADMIN","command":"LOGIN","requestid":"1","timestamp":"1729854000123","content":{"code":"0","msg":"server=x"},"new":1}],
                 "data":[{"service":"CHART_EQUITY","command":"SUBS","timestamp":1729854061000,"content":[{"key":"AAPL","1":"1021","2":"228.4","3":228.49,
                   "4":228.4,"5":228.48,"6":3957.0,"7":"1729854000000","8":20021,"zz":"?"}]}],
                 "notify":[{"heartbeat":"1729854070000"}],"surprise":{"a":1}}""");
        assertEquals(3, m.size());
        StreamMessage.Ack ack = (StreamMessage.Ack) m.get(0);
        assertTrue(ack.ok());
        assertEquals("1", ack.requestId());
        StreamMessage.Data d = (StreamMessage.Data) m.get(1);
        ChartBar b = ChartBar.parse(d.content().get(0));
        assertEquals(1021, b.sequence());
        assertEquals(228.4, b.bar().open());
        assertEquals(1729854070000L, ((StreamMessage.Heartbeat) m.get(2)).timestamp());
    }

    @Test
    void aRefusedLoginCarriesItsCodeAndMessage() {
        StreamMessage.Ack a = (StreamMessage.Ack) StreamFrames.parse(
                "{\"response\":[{\"service\":\"ADMIN\",\"command\":\"LOGIN\",\"requestid\":\"1\",\"content\":{\"code\":3,\"msg\":\"Login Denied\"}}]}").get(0);
        assertFalse(a.ok());
        assertEquals(3, a.code());
        assertEquals("Login Denied", a.msg());
    }

    @Test
    void aFrameThatIsNotJsonIsRefusedWithoutItsText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StreamFrames.parse("{\"data\":[{\"serv"));
        assertTrue(e.getMessage().contains("not JSON"));
    }

    @Test
    void aChartItemWithoutTimeOrWithImpossiblePricesIsRefusedNamingTheSymbol() throws Exception {
        IllegalArgumentException noTime = assertThrows(IllegalArgumentException.class,
                () -> ChartBar.parse(JSON.readTree("{\"key\":\"AMD\",\"2\":1,\"3\":1,\"4\":1,\"5\":1,\"6\":1}")));
        assertTrue(noTime.getMessage().contains("AMD") && noTime.getMessage().contains("field 7"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ChartBar.parse(JSON.readTree("{\"key\":\"AMD\",\"2\":5,\"3\":4,\"4\":6,\"5\":5,\"6\":1,\"7\":1729854000000}")));
        assertTrue(bad.getMessage().contains("high"), bad.getMessage());
    }

    @Test
    void accountActivityParsesTheJsonStringInsideForTheOrderId() throws Exception {
        AccountActivity a = AccountActivity.parse(JSON.readTree("""
                {"seq":1,"key":"Account Activity","1":"12345678","2":"OrderFillCompleted",
                 "3":"{\\"SchwabOrderID\\":\\"1001234567891\\",\\"AccountNumber\\":\\"12345678\\"}"}"""));
        assertEquals("12345678", a.account());
        assertEquals("OrderFillCompleted", a.type());
        assertEquals(Optional.of("1001234567891"), a.orderId());
        AccountActivity nested = AccountActivity.parse(JSON.readTree(
                "{\"1\":\"1\",\"2\":\"CancelAccepted\",\"3\":\"{\\\"Order\\\":{\\\"Meta\\\":{\\\"orderId\\\":42}}}\"}"));
        assertEquals(Optional.of("42"), nested.orderId());
        assertEquals(Optional.empty(), AccountActivity.parse(JSON.readTree("{\"1\":\"1\",\"2\":\"OrderCreated\",\"3\":\"not json\"}")).orderId());
    }

    @Test
    void streamerInfoNeedsAWebsocketUrlAndACustomerId() throws Exception {
        StreamerInfo i = StreamerInfo.from(JSON.readTree("{\"streamerInfo\":[{\"streamerSocketUrl\":\"wss://s/ws\",\"schwabClientCustomerId\":\"c\","
                + "\"schwabClientCorrelId\":\"k\",\"schwabClientChannel\":\"N9\",\"schwabClientFunctionId\":\"APIAPP\"}]}"));
        assertEquals("wss://s/ws", i.socketUrl());
        SchwabException e = assertThrows(SchwabException.class, () -> StreamerInfo.from(JSON.readTree("{\"accounts\":[]}")));
        assertTrue(e.getMessage().contains("streamerInfo"));
        assertThrows(SchwabException.class, () -> StreamerInfo.from(JSON.readTree("{\"streamerInfo\":[{\"streamerSocketUrl\":\"https://x\"}]}")));
    }

    @Test
    void backoffDoublesUpToItsCeilingWithJitterAndStartsOverAfterAReset() {
        double[] r = {0.0};
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), () -> r[0]);
        assertEquals(50, b.next().toMillis());    // half of 100 at the lowest draw
        assertEquals(100, b.next().toMillis());
        r[0] = 1.0;
        assertEquals(400, b.next().toMillis());
        assertEquals(800, b.next().toMillis());
        assertEquals(1000, b.next().toMillis());  // capped
        b.reset();
        assertEquals(100, b.next().toMillis());
    }
}
