#include "xml_support.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

// Options for every untrusted document: no network, no entity substitution (XML_PARSE_NOENT
// is left out on purpose), no external DTD loading, and libxml2's size limits kept on
// (XML_PARSE_HUGE is left out), which stops entity-expansion bombs.
static const int kSafeParseOptions = XML_PARSE_NONET;

// A growing message buffer that collects libxml2's structured errors.
typedef struct {
    char *text;
    size_t length;
    size_t capacity;
    int count;
} Messages;

static void messages_append(Messages *m, const char *format, ...) {
    char line[1024];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(line, sizeof line, format, args);
    va_end(args);
    if (n < 0) return;
    size_t add = strlen(line);
    if (m->length + add + 1 > m->capacity) {
        size_t capacity = (m->capacity == 0 ? 256 : m->capacity * 2);
        while (capacity < m->length + add + 1) capacity *= 2;
        char *grown = realloc(m->text, capacity);
        if (grown == NULL) return;
        m->text = grown;
        m->capacity = capacity;
    }
    memcpy(m->text + m->length, line, add + 1);
    m->length += add;
}

typedef struct {
    Messages *messages;
    const char *document_name;
} ErrorSink;

// Keeps the first 20 problems: enough to act on, and a hostile file cannot flood memory.
static void collect_error(void *user_data, xmlErrorPtr error) {
    ErrorSink *sink = user_data;
    if (error == NULL || sink->messages->count >= 20) return;
    sink->messages->count += 1;
    const char *message = error->message ? error->message : "unknown error\n";
    size_t n = strlen(message);
    // libxml2 ends its messages with a newline; drop it so each problem is one line.
    char trimmed[768];
    if (n >= sizeof trimmed) n = sizeof trimmed - 1;
    memcpy(trimmed, message, n);
    trimmed[n] = '\0';
    while (n > 0 && (trimmed[n - 1] == '\n' || trimmed[n - 1] == '\r')) trimmed[--n] = '\0';
    const char *name = (error->domain == XML_FROM_SCHEMASP && error->file) ? error->file
                                                                             : sink->document_name;
    messages_append(sink->messages, "%s:%d: %s\n", name, error->line, trimmed);
}

static char *finish(Messages *m) {
    if (m->count == 0) {
        free(m->text);
        return NULL;
    }
    // Drop the last newline.
    if (m->length > 0 && m->text[m->length - 1] == '\n') m->text[m->length - 1] = '\0';
    return m->text;
}

static xmlDocPtr parse_safely(const char *xml, size_t length, const char *document_name,
                              ErrorSink *sink) {
    if (length > (size_t)INT32_MAX) {
        messages_append(sink->messages, "%s:0: document larger than 2 GiB\n", document_name);
        sink->messages->count += 1;
        return NULL;
    }
    xmlParserCtxtPtr context = xmlNewParserCtxt();
    if (context == NULL) {
        messages_append(sink->messages, "%s:0: out of memory\n", document_name);
        sink->messages->count += 1;
        return NULL;
    }
    xmlSetStructuredErrorFunc(sink, collect_error);
    xmlDocPtr doc = xmlCtxtReadMemory(context, xml, (int)length, document_name, NULL,
                                      kSafeParseOptions);
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlFreeParserCtxt(context);
    if (doc == NULL && sink->messages->count == 0) {
        messages_append(sink->messages, "%s:0: not a well-formed XML document\n", document_name);
        sink->messages->count += 1;
    }
    // No file of this project needs a DTD, and a DTD is where entity bombs and external
    // entities live: refuse any document that declares one.
    if (doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL)) {
        messages_append(sink->messages, "%s:%d: document type declarations (DTDs, entities) are not accepted\n",
                        document_name, doc->intSubset ? (int)xmlGetLineNo((xmlNodePtr)doc->intSubset) : 0);
        sink->messages->count += 1;
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

char *gqa_xml_check_well_formed(const char *xml, size_t length, const char *document_name) {
    Messages messages = {0};
    ErrorSink sink = {&messages, document_name};
    xmlDocPtr doc = parse_safely(xml, length, document_name, &sink);
    if (doc != NULL) xmlFreeDoc(doc);
    return finish(&messages);
}

// Validates a parsed document against the schema file; problems go to `messages`.
static void validate_doc(xmlDocPtr doc, const char *document_name, const char *xsd_path,
                         Messages *messages) {
    ErrorSink sink = {messages, document_name};
    xmlSchemaParserCtxtPtr schema_parser = xmlSchemaNewParserCtxt(xsd_path);
    if (schema_parser == NULL) {
        messages_append(messages, "%s:0: cannot open schema\n", xsd_path);
        messages->count += 1;
        return;
    }
    ErrorSink schema_sink = {messages, xsd_path};
    xmlSchemaSetParserStructuredErrors(schema_parser, collect_error, &schema_sink);
    xmlSchemaPtr schema = xmlSchemaParse(schema_parser);
    xmlSchemaFreeParserCtxt(schema_parser);
    if (schema == NULL) {
        if (messages->count == 0) {
            messages_append(messages, "%s:0: not a valid XSD schema\n", xsd_path);
            messages->count += 1;
        }
        return;
    }
    xmlSchemaValidCtxtPtr validator = xmlSchemaNewValidCtxt(schema);
    if (validator != NULL) {
        xmlSchemaSetValidStructuredErrors(validator, collect_error, &sink);
        int result = xmlSchemaValidateDoc(validator, doc);
        if (result != 0 && messages->count == 0) {
            messages_append(messages, "%s:0: does not conform to %s\n", document_name, xsd_path);
            messages->count += 1;
        }
        xmlSchemaFreeValidCtxt(validator);
    }
    xmlSchemaFree(schema);
}

// Calls back for `node` and its element descendants, depth first.
static void walk(xmlNodePtr node, gqa_xml_element_fn callback, void *context) {
    for (; node != NULL; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        // Attributes as a NULL-terminated list of name, value pairs.
        size_t count = 0;
        for (xmlAttrPtr a = node->properties; a != NULL; a = a->next) count++;
        const char **attributes = calloc(2 * count + 1, sizeof(char *));
        xmlChar **values = calloc(count + 1, sizeof(xmlChar *));
        size_t i = 0;
        for (xmlAttrPtr a = node->properties; a != NULL && attributes && values; a = a->next, i++) {
            values[i] = xmlNodeListGetString(node->doc, a->children, 1);
            attributes[2 * i] = (const char *)a->name;
            attributes[2 * i + 1] = values[i] ? (const char *)values[i] : "";
        }
        // The element's own text: its direct text and CDATA children.
        xmlBufferPtr text = xmlBufferCreate();
        for (xmlNodePtr child = node->children; child != NULL; child = child->next) {
            if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) && child->content)
                xmlBufferCat(text, child->content);
        }
        int line = (int)xmlGetLineNo(node);
        callback(context, 0, (const char *)node->name, attributes, (const char *)xmlBufferContent(text), line);
        walk(node->children, callback, context);
        callback(context, 1, (const char *)node->name, NULL, NULL, line);
        xmlBufferFree(text);
        for (size_t j = 0; j < count && values; j++) xmlFree(values[j]);
        free(values);
        free(attributes);
    }
}

char *gqa_xml_read(const char *xml, size_t length, const char *document_name,
                   const char *xsd_path, gqa_xml_element_fn callback, void *context) {
    Messages messages = {0};
    ErrorSink sink = {&messages, document_name};
    xmlDocPtr doc = parse_safely(xml, length, document_name, &sink);
    if (doc == NULL) return finish(&messages);
    if (xsd_path != NULL) validate_doc(doc, document_name, xsd_path, &messages);
    if (messages.count == 0) walk(xmlDocGetRootElement(doc), callback, context);
    xmlFreeDoc(doc);
    return finish(&messages);
}

char *gqa_xml_validate(const char *xml, size_t length, const char *document_name,
                       const char *xsd_path) {
    Messages messages = {0};
    ErrorSink sink = {&messages, document_name};
    xmlDocPtr doc = parse_safely(xml, length, document_name, &sink);
    if (doc != NULL) {
        validate_doc(doc, document_name, xsd_path, &messages);
        xmlFreeDoc(doc);
    }
    return finish(&messages);
}

void gqa_xml_free(char *message) { free(message); }
