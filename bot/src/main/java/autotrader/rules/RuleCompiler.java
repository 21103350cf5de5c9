package autotrader.rules;

import java.nio.file.Path;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.io.ResourceType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compiles a rules folder with the classic DRL build (no kmodule.xml, no executable model). Each build
 * gets its own release id and is dropped from the global KieRepository afterwards, so parallel builds
 * (tests, `rules check` beside a running engine) never see each other and reloads do not pile up.
 */
public final class RuleCompiler {

    private static final String KFS_FOLDER = "src/main/resources/rules/";
    private static final AtomicLong BUILDS = new AtomicLong();

    private RuleCompiler() {
    }

    /** Either a KieBase with its version, or the problems; never both. */
    public record Result(KieBase kieBase, RulesVersion version, List<RuleProblem> problems) {
        public boolean ok() {
            return kieBase != null;
        }
    }

    public static Result compile(RuleSource source) {
        if (source.files().isEmpty()) {
            return new Result(null, null, List.of(new RuleProblem(source.dir(), 0, "no .drl files in the rules folder")));
        }
        KieServices ks = KieServices.Factory.get();
        ReleaseId rid = ks.newReleaseId("autotrader", "rules-" + BUILDS.incrementAndGet(), "1.0.0");
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(rid);
        for (Map.Entry<String, byte[]> f : source.files().entrySet()) {
            kfs.write(ks.getResources().newByteArrayResource(f.getValue())
                    .setSourcePath(KFS_FOLDER + f.getKey()).setResourceType(ResourceType.DRL));
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<RuleProblem> problems = new ArrayList<>();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            // The parser adds this after every syntax error; the syntax error itself is the useful line.
            if (m.getText().contains("Parser returned a null Package")) continue;
            problems.add(new RuleProblem(fileOf(source, m.getPath()), m.getLine(), m.getText().strip()));
        }
        if (problems.isEmpty() && builder.getResults().hasMessages(Message.Level.ERROR)) {
            problems.add(new RuleProblem(source.dir(), 0, "Drools could not build the rules (parser returned no package)"));
        }
        if (!problems.isEmpty()) {
            ks.getRepository().removeKieModule(rid);
            return new Result(null, null, problems);
        }
        try {
            KieBase kieBase = ks.newKieContainer(rid).getKieBase();
            RulesVersion version = new RulesVersion(source.sha256(), Instant.now(), List.copyOf(source.files().keySet()));
            return new Result(kieBase, version, List.of());
        } finally {
            ks.getRepository().removeKieModule(rid);
        }
    }

    private static Path fileOf(RuleSource source, String kfsPath) {
        if (kfsPath == null || kfsPath.isEmpty()) return source.dir();
        // Drools reports the path relative to the resources root ("rules/filter.drl"); the folder is flat.
        return source.dir().resolve(Path.of(kfsPath).getFileName());
    }
}
