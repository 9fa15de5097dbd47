// The erasure test hosts every service that holds personal data, Integrations among them.
extern alias integrations;

global using IntegrationsProgram = integrations::Program;
