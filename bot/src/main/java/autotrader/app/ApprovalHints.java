package autotrader.app;

import autotrader.approvals.ApprovalChannel;
import autotrader.approvals.ApprovalOutcome;
import autotrader.approvals.PendingIntent;
import autotrader.market.MarketCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Tells the person at the terminal, in one line, how to approve each new intent and until when on
 * their own clock: the shell command, the desk's address, Telegram when it is on. Before, an intent
 * appeared in the log with a market-time deadline and nothing said what to do with it. Whatever else
 * shows intents (Telegram) gets them as before.
 */
final class ApprovalHints implements ApprovalChannel {

    private static final Logger log = LoggerFactory.getLogger("autotrader.approvals");
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("HH:mm:ss 'ET'").withZone(MarketCalendar.NEW_YORK);

    private final ApprovalChannel next;
    private final Supplier<String> deskUrl;
    private final Function<PendingIntent, Instant> wallDeadline;

    /**
     * @param next         the channel that shows intents with buttons (Telegram), or {@link ApprovalChannel#NONE}
     * @param deskUrl      the desk's address once it listens, or null when there is no desk
     * @param wallDeadline when an intent's window ends on the wall clock
     */
    ApprovalHints(ApprovalChannel next, Supplier<String> deskUrl, Function<PendingIntent, Instant> wallDeadline) {
        this.next = next == null ? ApprovalChannel.NONE : next;
        this.deskUrl = deskUrl;
        this.wallDeadline = wallDeadline;
    }

    /** The line for one new intent. */
    String line(PendingIntent p) {
        String desk = deskUrl.get();
        return String.format("intent %d: %s %d %s waits for your decision until %s (your clock): `autotrader approve %d` or `autotrader reject %d`%s%s",
                p.intentId(), p.side(), p.quantity(), p.symbol(), WALL.format(wallDeadline.apply(p)), p.intentId(), p.intentId(),
                desk == null ? "" : ", or Execute on the desk at " + desk, next == ApprovalChannel.NONE ? "" : ", or the buttons in Telegram");
    }

    @Override
    public void offer(PendingIntent intent) {
        log.info("{}", line(intent));
        next.offer(intent);
    }

    @Override
    public void settled(ApprovalOutcome outcome) {
        next.settled(outcome);
    }
}
