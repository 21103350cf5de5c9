package autotrader.universe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ListedSymbolsTest {

    @TempDir
    Path dir;

    @Test
    void theCsvFormQuotesNamesWithCommas() throws IOException {
        Path f = dir.resolve("listed.csv");
        Files.writeString(f, """
                Symbol,Company Name,Security Name,Market Category,Test Issue,Financial Status,Round Lot Size,ETF,NextShares
                AAL,"American Airlines Group, Inc.","American Airlines Group, Inc. - Common Stock",Q,N,N,100,N,N
                QQQ,Invesco QQQ Trust,"Invesco QQQ Trust, Series 1",G,N,N,100,Y,N
                File Creation Time: 0731202621:31,,,,,,,,
                ,,,,,,,,
                """);
        List<ListedSymbols.Listing> l = ListedSymbols.read(f);
        assertEquals(2, l.size(), l.toString());
        assertEquals(new ListedSymbols.Listing("AAL", "American Airlines Group, Inc. - Common Stock", false, false, "N", true), l.get(0));
        assertTrue(l.get(1).etf());
    }

    @Test
    void otherlistedAndPlainListsAreRead() throws IOException {
        Path other = dir.resolve("otherlisted.txt");
        Files.writeString(other, """
                ACT Symbol|Security Name|Exchange|CQS Symbol|ETF|Round Lot Size|Test Issue|NASDAQ Symbol
                IBM|International Business Machines Corporation Common Stock|N|IBM|N|100|N|IBM
                ZXZZT|NASDAQ TEST STOCK|Q|ZXZZT|N|100|Y|ZXZZT
                """);
        List<ListedSymbols.Listing> l = ListedSymbols.read(other);
        assertEquals(List.of("IBM", "ZXZZT"), l.stream().map(ListedSymbols.Listing::symbol).toList());
        assertTrue(l.get(1).testIssue());
        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "msft\n\n# a comment\nnot a ticker!\nMSFT\n");
        assertEquals(List.of(new ListedSymbols.Listing("MSFT", "", false, false, "", false)), ListedSymbols.read(plain));
    }
}
