package io.headroom.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;

/**
 * A self-signed certificate made at start by the JDK's own {@code keytool} (EC P-256, valid 30 days, subject
 * {@code CN=headroom demo}, SAN {@code localhost} and {@code 127.0.0.1}), so the demo ships no key and no file. It
 * is trusted by nothing: a plan reaches it with {@code http: {insecureSkipTlsVerify: true}}, curl with
 * {@code --cacert} on {@link #certificatePem()}. Immutable; thread-safe.
 */
public final class DemoCertificate {
    private static final char[] PASSWORD = "headroom-demo".toCharArray();
    private static final String ALIAS = "demo";

    private final KeyStore keyStore;

    private DemoCertificate(KeyStore keyStore) {
        this.keyStore = keyStore;
    }

    /**
     * Makes a fresh key and certificate (a second or so: keytool is a child JVM).
     *
     * @throws IOException when keytool is missing from this JDK or fails, with its output in the message
     */
    public static DemoCertificate generate() throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IOException("no keytool in " + keytool.getParent() + " to make the demo's certificate"
                    + " (a JDK, not a trimmed runtime, is needed for --tls-port)");
        }
        Path dir = Files.createTempDirectory("headroom-demo-tls");
        try {
            Path store = dir.resolve("demo.p12");
            Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
                    "-groupname", "secp256r1", "-dname", "CN=headroom demo", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-validity", "30", "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean ended = process.waitFor(60, TimeUnit.SECONDS);
            if (!ended) process.destroyForcibly();
            if (!ended || process.exitValue() != 0) {
                throw new IOException("keytool could not make the demo's certificate: " + output.strip());
            }
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, PASSWORD);
            }
            return new DemoCertificate(keyStore);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the demo's certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the demo's certificate: " + e.getMessage(), e);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The key managers a TLS server presents this certificate with. */
    public KeyManagerFactory keyManagers() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, PASSWORD);
            return keys;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate certificate() {
        try {
            return (X509Certificate) keyStore.getCertificate(ALIAS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate in PEM ({@code -----BEGIN CERTIFICATE-----}), for {@code curl --cacert} or a trust store. */
    public String certificatePem() {
        try {
            return pem("CERTIFICATE", certificate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key in PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), e.g. for nginx's ssl_certificate_key. */
    public String privateKeyPem() {
        try {
            return pem("PRIVATE KEY", ((PrivateKey) keyStore.getKey(ALIAS, PASSWORD)).getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
