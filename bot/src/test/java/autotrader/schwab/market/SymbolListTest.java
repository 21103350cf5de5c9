package autotrader.schwab.market;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SymbolListTest {

    @TempDir
    Path dir;

    @Test
    void onePerLineWithCommentsAndBlanks() throws Exception {
        Path f = dir.resolve("u.txt");
        Files.writeString(f, "# my universe\naapl\n\nMSFT\nBRK.B\nAAPL\nnot a ticker!\n");
        assertEquals(List.of("AAPL", "MSFT", "BRK.B"), SymbolList.read(f));
    }

    @Test
    void csvWithASymbolColumnSkipsTestIssuesAndTheFooter() throws Exception {
        Path f = dir.resolve("nasdaq.csv");
        Files.writeString(f, """
                Symbol,Company Name,Security Name,Market Category,Test Issue,Financial Status,Round Lot Size,ETF,NextShares
                AAAP,"Pacer Barings, CLO",Pacer Barings CLO Market Flex ETF,G,N,N,100,Y,N
                ZXZZT,NASDAQ TEST STOCK,NASDAQ TEST STOCK,G,Y,N,100,N,N
                ZYME,Zymeworks Inc.,Zymeworks Inc. - Common Stock,Q,N,N,100,N,N
                File Creation Time: 0731202621:31,,,,,,,,
                ,,,,,,,,
                """);
        assertEquals(List.of("AAAP", "ZYME"), SymbolList.read(f));
    }

    @Test
    void theSharedNasdaqListReads() throws Exception {
        Path f = Path.of("..", "..", "shared", "data", "reference", "nasdaq_listed_symbols.csv");
        Assumptions.assumeTrue(Files.isRegularFile(f), "../shared/data is not here");
        List<String> symbols = SymbolList.read(f);
        assertTrue(symbols.size() > 5000, "got " + symbols.size());
        assertTrue(symbols.contains("AAPL"));
        assertTrue(symbols.stream().noneMatch(s -> s.startsWith("FILE") || s.equals("SYMBOL")));
    }
}
