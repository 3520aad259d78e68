package io.danube.connect.webhook.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads PEM files with the JDK only: RSA public keys, PKCS#8 private keys (RSA or EC), certificate chains. */
public final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    private PemFiles() {
    }

    public static PublicKey rsaPublicKey(Path file) throws IOException, GeneralSecurityException {
        byte[] der = block(file, "PUBLIC KEY");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }

    public static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(block(file, "PRIVATE KEY"));
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        }
    }

    public static Certificate[] certificateChain(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<Certificate> chain = new ArrayList<>(factory.generateCertificates(
                new ByteArrayInputStream(Files.readAllBytes(file))));
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + file);
        }
        return chain.toArray(Certificate[]::new);
    }

    private static byte[] block(Path file, String type) throws IOException, GeneralSecurityException {
        Matcher matcher = BLOCK.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        while (matcher.find()) {
            if (matcher.group(1).equals(type)) {
                return Base64.getMimeDecoder().decode(matcher.group(2).trim());
            }
        }
        throw new GeneralSecurityException("no '" + type + "' PEM block in " + file
                                           + " (PKCS#8 / X.509 SubjectPublicKeyInfo expected)");
    }
}
