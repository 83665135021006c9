package io.heraldo.console;

import jakarta.ws.rs.core.Response;

import io.heraldo.admin.AdminAudit;

/**
 * A form posted to the console by the signed-in actor. One that came without its session's CSRF token is
 * {@link #forged()}: its {@link #refusal()} is the 403, already in the audit log. The outcome of any other goes into
 * the audit log under the actor, with the client's address.
 */
public final class ConsolePost {

    private final String actor;
    private final String client;
    private final Response refusal;
    private final AdminAudit audit;

    ConsolePost(String actor, String client, Response refusal, AdminAudit audit) {
        this.actor = actor;
        this.client = client;
        this.refusal = refusal;
        this.audit = audit;
    }

    public String actor() {
        return actor;
    }

    public boolean forged() {
        return refusal != null;
    }

    public Response refusal() {
        return refusal;
    }

    /** Records what became of the form: the path it acted on, its target (or null), the status answered. */
    public void audit(String path, String target, int status) {
        audit.record(actor, "POST", path, target, status, client);
    }
}
