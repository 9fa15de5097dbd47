// The service's entry point is a global Program, reached through its reference alias.
extern alias candidates;
extern alias integrations;

global using CandidatesProgram = candidates::Program;
global using IntegrationsProgram = integrations::Program;
