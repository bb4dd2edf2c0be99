package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.Crc32Forgery;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cached code is authenticated, not checksummed: a woven-class cache entry that another local user
 * wrote (with every checksum right) is never defined, and the class is woven afresh; random bytes with
 * a valid checksum never crash the host; a weaver jar tampered with (same size, same CRC-32) is
 * extracted again before a class of it is loaded.
 */
class CacheTrustIT extends AgentIT {
    private static final String WOVE = "instrumented picocli.CommandLine";

    private Path config;

    @BeforeEach
    void setUp() {
        config = ChildJvm.write(home, "agent-config.toml", Configs.header("") + Configs.sender(collector, "")
                + Configs.picocli());
    }

    /** The sample CLI with debug output, which names every class woven (not those served by the cache). */
    private ChildJvm.Result hello() {
        ChildJvm.Result r = cli("hello").config(config).env("TELEMETRY_AGENT_DEBUG", "1").run();
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("Hello"), r.toString());
        return r;
    }

    private Path onlyEntry() throws IOException {
        try (Stream<Path> s = Files.list(home.resolve(".sample/cache/classes"))) {
            List<Path> entries = s.filter(p -> p.getFileName().toString().endsWith(".bin"))
                    .collect(Collectors.toList());
            assertEquals(1, entries.size(), entries.toString());
            return entries.get(0);
        }
    }

    /**
     * An entry for the same class and original with other woven bytes ({@code woven} null: "leave the
     * class as it is") and a trailer made as an attacker can: a CRC-32 where the entry has one, random
     * bytes where it has a MAC whose key the attacker cannot read. Written, then given to {@code nobody}
     * where the test runs as root (as CI does), as another local user would leave it.
     */
    private static void forge(Path entry, byte[] woven) throws IOException {
        byte[] real = Files.readAllBytes(entry);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(real));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buf);
        out.writeInt(in.readInt());
        int format = in.readInt();
        out.writeInt(format);
        out.writeUTF(in.readUTF());
        byte[] original = new byte[in.readInt()];
        in.readFully(original);
        // The first format ended with a CRC-32 of the entry; later ones with a 32-byte MAC.
        int trailer = format == 1 ? 8 : 32;
        out.writeInt(original.length);
        out.write(original);
        out.writeInt(woven == null ? -1 : woven.length);
        if (woven != null) {
            out.write(woven);
        }
        out.flush();
        if (trailer == 8) {
            out.writeLong(Crc32Forgery.crc(buf.toByteArray()));
        } else {
            byte[] tag = new byte[trailer];
            new Random(1).nextBytes(tag);
            out.write(tag);
        }
        Files.write(entry, buf.toByteArray());
        giveToNobody(entry);
    }

    private static void giveToNobody(Path f) throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        UserPrincipalLookupService users = f.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(f, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName("nobody"));
        GroupPrincipal nogroup = users.lookupPrincipalByGroupName("nogroup");
        view.setGroup(nogroup);
    }

    @Test
    void anEntryForgedByAnotherUserIsNeverDefinedAndTheClassIsWovenAfresh() throws Exception {
        assertTrue(hello().stderr.contains(WOVE));
        assertFalse(hello().stderr.contains(WOVE), "the second run is served by the cache");
        forge(onlyEntry(), null);
        ChildJvm.Result r = hello();
        assertTrue(r.stderr.contains(WOVE), "the forged entry was used: " + r);
        assertTrue(r.stderr.contains("[telemetry-agent] event "), "the command was timed: " + r);
        assertFalse(hello().stderr.contains(WOVE), "the agent's own entry replaced the forged one");
    }

    @Test
    void randomBytesWithAValidChecksumNeverCrashTheHost() throws Exception {
        hello();
        byte[] random = new byte[4096];
        new Random(2).nextBytes(random);
        forge(onlyEntry(), random);
        ChildJvm.Result r = hello();
        assertTrue(r.stderr.contains(WOVE), r.toString());
        assertFalse(r.stderr.contains("ClassFormatError"), r.toString());
    }

    @Test
    void aWeaverJarTamperedWithIsExtractedAgain() throws Exception {
        hello();
        Path jar;
        try (Stream<Path> s = Files.list(home.resolve(".sample/cache"))) {
            jar = s.filter(p -> p.getFileName().toString().matches("weaver-.*\\.jar")).findFirst().orElseThrow();
        }
        byte[] genuine = Files.readAllBytes(jar);
        byte[] forged = Crc32Forgery.sameCrc32(genuine, 4000);
        assertFalse(java.util.Arrays.equals(genuine, forged));
        Files.write(jar, forged);
        // Without cached classes the next run needs the weaver.
        try (Stream<Path> s = Files.list(home.resolve(".sample/cache/classes"))) {
            for (Path p : s.collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
        ChildJvm.Result r = hello();
        assertTrue(r.stderr.contains(WOVE), r.toString());
        assertArrayEquals(genuine, Files.readAllBytes(jar), "the tampered file was trusted");
    }
}
