package autotrader.features;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FeatureDocsTest {

    @Test
    void docsContainTheCurrentFeatureTable() throws Exception {
        Path docs = Path.of("..", "docs", "features.md");
        String text = Files.readString(docs);
        assertTrue(text.contains(FeatureDocs.markdownTable()),
                "docs/features.md is out of date: regenerate its table with FeatureDocs.main");
    }
}
