package autotrader.app;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every option of every command says in --help what it does: an undocumented option is a question the trader cannot answer. */
class OptionHelpTest {

    @Test
    void everyOptionOfEveryCommandHasAHelpText() {
        List<String> undocumented = new ArrayList<>();
        int[] options = {0};
        walk(new CommandLine(new Main()), undocumented, options);
        assertTrue(options[0] > 50, "the walk saw the commands' options: " + options[0]);
        assertEquals(List.of(), undocumented, "options without a description");
    }

    private static void walk(CommandLine cl, List<String> undocumented, int[] count) {
        CommandSpec spec = cl.getCommandSpec();
        for (OptionSpec o : spec.options()) {
            count[0]++;
            String text = String.join(" ", o.description()).trim();
            if (text.isEmpty()) undocumented.add(spec.qualifiedName() + " " + o.longestName());
        }
        for (CommandLine sub : cl.getSubcommands().values()) walk(sub, undocumented, count);
    }
}
