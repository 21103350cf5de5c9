package autotrader.app;

import autotrader.config.AppConfig;
import autotrader.config.AppConfig.Source;
import autotrader.config.ConfigException;
import autotrader.config.LoadedConfig;
import autotrader.config.Mode;
import autotrader.market.store.BarStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Which market a process reads, decided in this one place. {@code market.source: auto} (the shipped
 * default) is the bar store at {@code market.store_dir} when it holds at least one series, otherwise
 * the built-in simulator. Only "no stored series at all" means the simulator: a series whose file is
 * torn still counts, so a broken store is reported by the store and never swapped for made-up prices;
 * a store folder that cannot be listed is an error. Live mode never runs on the simulator, configured
 * or chosen by auto: {@link #refusal} says why, and {@link AppContext#market()} refuses to build it.
 *
 * @param source  what is read: never {@link Source#AUTO}
 * @param why     how auto decided (null when the source was configured as it is)
 * @param refusal why this market must not be built (live on the simulator), or null
 */
public record SourceChoice(Source source, String why, String refusal) {

    private static final Logger log = LoggerFactory.getLogger(SourceChoice.class);

    /**
     * Resolves auto in the loaded configuration: its market.source becomes store or sim, so every
     * later reader (the strategy's model folder, the SIMULATED labels) sees the source in use. Logs
     * how auto decided. Other values are kept.
     */
    public static SourceChoice resolve(LoadedConfig loaded) {
        AppConfig c = loaded.config();
        SourceChoice choice;
        if (c.market.source == Source.AUTO) {
            Path root = loaded.resolve(c.market.storeDir);
            try {
                choice = decide(root);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new ConfigException(loaded.file() + ": key 'market.store_dir': market.source is auto and " + e.getMessage());
            }
            c.market.source = choice.source();
        } else {
            choice = new SourceChoice(c.market.source, null, null);
        }
        if (c.mode == Mode.LIVE && choice.source() == Source.SIM) {
            String refusal = loaded.file() + ": key 'market.source': "
                    + (choice.why() != null
                    ? "auto found no bars in " + loaded.resolve(c.market.storeDir) + " and mode is live"
                    : "sim with mode live")
                    + ": live orders are never decided on the simulator's made-up prices. Fill the bar store first "
                    + "(`autotrader data fetch --universe FILE` or `autotrader data import --dir FOLDER`), "
                    + "or set market.source to store, csv or schwab";
            choice = new SourceChoice(choice.source(), choice.why(), refusal);
        }
        return choice;
    }

    /**
     * Auto over one store folder: store when it holds a series, else sim, with the reason (logged).
     *
     * @throws IllegalArgumentException when {@code root} is not a folder
     * @throws UncheckedIOException     when it cannot be listed
     */
    public static SourceChoice decide(Path root) {
        BarStore.Series s = BarStore.series(root);
        if (s.stored() == 0) {
            String why = "market.source auto: no bars in " + root + ", using the simulator (SIMULATED prices); `data import` or `data fetch` fills it";
            log.info(why);
            return new SourceChoice(Source.SIM, why, null);
        }
        String torn = s.tornOnly() == 0 ? "" : " (" + s.tornOnly() + " of them only a torn file, moved aside: their bars are not readable "
                + "until `data fetch` or `data import` stores them again)";
        String why = "market.source auto: the bar store " + root + " holds " + s.stored() + " series" + torn + ", reading it";
        if (s.tornOnly() > 0) log.warn(why);
        else log.info(why);
        return new SourceChoice(Source.STORE, why, null);
    }

    /** Auto over a folder the trader named ({@code --dir}): the bar store there; a folder without a stored series is refused, never quietly the simulator. */
    public static SourceChoice storeAt(Path dir) {
        SourceChoice c = decide(dir);
        if (c.source() != Source.STORE) throw noStoreAt(dir);
        return c;
    }

    static BadInputException noStoreAt(Path dir) {
        return new BadInputException("--dir " + dir + " holds no bar store series and the source is auto: pass --source csv for a csv folder, "
                + "or --source sim for the simulator");
    }
}
