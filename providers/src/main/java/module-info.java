/** Mailbridge provider presets: what Mailbridge knows about Gmail, Microsoft 365, HostGator and others. */
module dev.mailbridge.providers {
    requires transitive dev.mailbridge.core;
    requires static org.jspecify;

    exports dev.mailbridge.providers;
}
