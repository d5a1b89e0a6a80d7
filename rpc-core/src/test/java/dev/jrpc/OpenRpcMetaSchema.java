package dev.jrpc;

import java.io.InputStream;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/** Validates OpenRPC documents against the OpenRPC meta-schema, with a standard JSON Schema validator. */
final class OpenRpcMetaSchema {

	private OpenRpcMetaSchema() {
	}

	/** What makes {@code document} invalid, each as a message; empty when it is valid. */
	static List<String> errors(InputStream metaSchema, String document) {
		Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(metaSchema);
		return schema.validate(document, InputFormat.JSON).stream().map(Error::toString).toList();
	}

}
