package dev.mailbridge.autoconfig.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Parses untrusted XML from the network: no DTD at all (which rules out XXE and entity expansion), no external
 * schemas, no XInclude, secure processing limits on. The documents discovery reads never need a DTD.
 */
public final class SafeXml {
    private SafeXml() {}

    /**
     * Parses {@code xml}.
     *
     * @throws IllegalArgumentException with the parser's reason, when it is not well-formed or declares a DTD
     */
    public static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("this JVM's XML parser lacks the features needed to parse safely", e);
        } catch (SAXException | IOException e) {
            String reason = String.valueOf(e.getMessage());
            if (reason.contains("DOCTYPE")) {
                throw new IllegalArgumentException("the document declares a DTD, which is refused (XXE protection)");
            }
            throw new IllegalArgumentException("not well-formed XML: " + reason);
        }
    }

    /** The text of the first child element named {@code localName}, trimmed, or {@code null}. */
    public static @org.jspecify.annotations.Nullable String childText(Element parent, String localName) {
        Element child = child(parent, localName);
        return child == null ? null : child.getTextContent().strip();
    }

    /** The first child element named {@code localName}, ignoring namespaces, or {@code null}. */
    public static @org.jspecify.annotations.Nullable Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(local(e))) {
                return e;
            }
        }
        return null;
    }

    /** Every child element named {@code localName}, in order. */
    public static java.util.List<Element> children(Element parent, String localName) {
        java.util.List<Element> result = new java.util.ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(local(e))) {
                result.add(e);
            }
        }
        return result;
    }

    /** The element's name without namespace prefix. */
    public static String local(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }
}
