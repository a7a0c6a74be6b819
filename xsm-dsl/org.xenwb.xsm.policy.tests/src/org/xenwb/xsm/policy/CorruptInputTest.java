package org.xenwb.xsm.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.xenwb.xsm.policy.binary.PolicyFormatException;
import org.xenwb.xsm.policy.binary.PolicyReader;
import org.xenwb.xsm.policy.binary.PolicyWriter;

/**
 * Bad binary input gives a {@link PolicyFormatException} naming the file and byte offset, never another exception;
 * and the writer refuses what a policy version cannot hold. Uses the golden policy built by checkpolicy 3.4 (see
 * {@code resources/golden/README.md}), so it runs without the reference tools.
 */
class CorruptInputTest {

    private static final String NAME = "golden/xenpolicy-4.17-default";

    /**
     * The golden policy: on the class path (the dev loop copies resources/ there), in the bundle (OSGi:
     * {@code resources/...}), or in the test bundle's folder on disk.
     */
    static byte[] golden() throws IOException {
        ClassLoader loader = CorruptInputTest.class.getClassLoader();
        for (String name : new String[] {NAME, "resources/" + NAME}) {
            try (InputStream in = loader.getResourceAsStream(name)) {
                if (in != null) {
                    return in.readAllBytes();
                }
            }
        }
        Path bundle = ReferenceTools.targetDir("golden").getParent().getParent().getParent();
        Path file = bundle.resolve("resources").resolve(NAME);
        if (Files.isRegularFile(file)) {
            return Files.readAllBytes(file);
        }
        throw new IOException("test resource " + NAME + " missing (looked on the class path and in " + file + ")");
    }

    private static PolicyFormatException failing(byte[] data) {
        return assertThrows(PolicyFormatException.class, () -> new PolicyReader().read(data, "bad.bin"));
    }

    @Test
    void goldenPolicyRoundTripsByteForByte() throws IOException {
        byte[] data = golden();
        Policy p = new PolicyReader().read(data, NAME);
        assertEquals(30, p.version());
        assertEquals(13, p.classes().size());
        assertEquals(288, p.rules().size());
        assertArrayEquals(data, new PolicyWriter().toBytes(p));
    }

    @Test
    void everyTruncationIsReportedWithItsOffset() throws IOException {
        byte[] data = golden();
        for (int cut = 0; cut < data.length; cut += cut < 256 ? 1 : 13) {
            PolicyFormatException e = failing(Arrays.copyOf(data, cut));
            assertTrue(e.getMessage().startsWith("bad.bin: at byte offset "), e.getMessage());
            assertTrue(e.offset() >= 0 && e.offset() <= cut, "offset " + e.offset() + " for cut " + cut);
        }
    }

    @Test
    void headerErrorsNameTheirField() throws IOException {
        byte[] data = golden();
        byte[] magic = data.clone();
        magic[0] = 0;
        PolicyFormatException e = failing(magic);
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("not a binary policy"), e.getMessage());

        byte[] target = data.clone();
        target[8] = 'Y';
        assertTrue(failing(target).getMessage().contains("is not a Xen policy"));

        byte[] version = data.clone();
        ByteBuffer.wrap(version).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 31);
        e = failing(version);
        assertEquals(16, e.offset());
        assertTrue(e.getMessage().contains("policy version 31 not supported"), e.getMessage());

        byte[] trailing = Arrays.copyOf(data, data.length + 3);
        e = failing(trailing);
        assertEquals(data.length, e.offset());
        assertTrue(e.getMessage().contains("3 unexpected bytes"), e.getMessage());
    }

    @Test
    void randomByteDamageNeverEscapesAsAnotherException() throws IOException {
        byte[] data = golden();
        Random random = new Random(20261124L);
        int rejected = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] damaged = data.clone();
            int pos = random.nextInt(damaged.length);
            damaged[pos] = (byte) random.nextInt(256);
            if (random.nextBoolean()) {
                int pos2 = random.nextInt(damaged.length);
                damaged[pos2] = (byte) (damaged[pos2] ^ (1 << random.nextInt(8)));
            }
            try {
                Policy p = new PolicyReader().read(damaged, "bad.bin");
                p.index();
                new PolicyWriter().toBytes(p);
            } catch (PolicyFormatException e) {
                rejected++;
                assertTrue(e.getMessage().contains("bad.bin"), e.getMessage());
            } catch (RuntimeException e) {
                fail("damage at byte " + pos + " escaped as " + e, e);
            }
        }
        assertTrue(rejected > 100, "most damage is detected: " + rejected);
    }

    @Test
    void writerRefusesWhatTheVersionCannotHold() throws IOException {
        Policy p = new PolicyReader().read(golden(), NAME);
        p.setVersion(23);
        assertThrows(PolicyFormatException.class, () -> new PolicyWriter().toBytes(p));
        p.setVersion(24);
        SecurityContext ctx = p.initialSids().get(0).context();
        p.deviceContexts().add(new DeviceContext(DeviceContext.Kind.IOMEM, 0x100000000L, 0x100000000L, null, ctx));
        PolicyFormatException e = assertThrows(PolicyFormatException.class, () -> new PolicyWriter().toBytes(p));
        assertTrue(e.getMessage().contains("iomemcon"), e.getMessage());
        p.deviceContexts().clear();
        p.deviceContexts().add(new DeviceContext(DeviceContext.Kind.DEVICETREE, 0, 0, "/soc", ctx));
        e = assertThrows(PolicyFormatException.class, () -> new PolicyWriter().toBytes(p));
        assertTrue(e.getMessage().contains("devicetreecon"), e.getMessage());
        p.deviceContexts().clear();
        Policy v24 = new PolicyReader().read(new PolicyWriter().toBytes(p), "v24");
        assertEquals(24, v24.version());
        assertEquals(p.rules().size(), v24.rules().size());
    }
}
