package dev.telemetryagent.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code context.project_hash}: the nearest ancestor holding {@code .git}, else the working directory. */
class ProjectRootTest {
    @TempDir
    Path tmp;

    @Test
    void theNearestAncestorHoldingGitIsTheRoot() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createDirectories(repo.resolve(".git"));
        Path deep = Files.createDirectories(repo.resolve("src/main/java"));
        assertEquals(repo.toString(), ProjectRoot.of(deep.toString()));
        assertEquals(repo.toString(), ProjectRoot.of(repo.toString()), "the working directory itself counts");
    }

    @Test
    void aWorktreesGitFileCountsAndTheNearestWins() throws Exception {
        Path outer = Files.createDirectories(tmp.resolve("outer"));
        Files.createDirectories(outer.resolve(".git"));
        Path inner = Files.createDirectories(outer.resolve("modules/inner"));
        Files.writeString(inner.resolve(".git"), "gitdir: ../../.git/worktrees/inner\n");
        assertEquals(inner.toString(), ProjectRoot.of(inner.resolve("x").toString()));
    }

    @Test
    void withoutGitTheWorkingDirectoryIsTheRoot() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("a/b"));
        String root = ProjectRoot.of(plain.toString());
        // A .git above the temporary directory (none expected) would be found instead; either way an ancestor.
        assertEquals(true, plain.toString().startsWith(root), root);
    }

    @Test
    void theContextCarriesTheSaltedHashOnlyWhenGiven() {
        Hasher hasher = new Hasher("salt");
        String hash = hasher.hash("/work/acme");
        assertEquals(20, hash.length());
        assertNotEquals(new Hasher("other").hash("/work/acme"), hash, "salted");
        Map<String, Object> with = EventContext.build(false, List.of(), "a", "1", "0.1.0", "r", hash);
        assertEquals(hash, with.get("project_hash"));
        assertFalse(EventContext.build(false, List.of(), "a", "1", "0.1.0", "r", null).containsKey("project_hash"));
    }
}
