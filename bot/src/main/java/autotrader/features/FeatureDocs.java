package autotrader.features;

/**
 * The feature table of docs/features.md, generated from the specs so the document cannot drift
 * from the code (FeatureDocsTest fails when it does). Regenerate with
 * {@code java -cp ... FeatureDocs}.
 */
public final class FeatureDocs {

    private FeatureDocs() {
    }

    public static String markdownTable() {
        StringBuilder md = new StringBuilder();
        md.append("| # | name | group | min bars | units | definition |\n");
        md.append("|---|------|-------|----------|-------|------------|\n");
        int k = 0;
        for (FeatureSpec s : FeatureEngine.featureSpecs()) {
            md.append("| ").append(k++).append(" | `").append(s.name()).append("` | ").append(s.group())
                    .append(" | ").append(s.minBars()).append(" | ").append(s.units())
                    .append(" | ").append(s.definition().replace("|", "\\|")).append(" |\n");
        }
        return md.toString();
    }

    public static void main(String[] args) {
        System.out.print(markdownTable());
    }
}
