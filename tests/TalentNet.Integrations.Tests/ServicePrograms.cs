// Every service's entry point is a global Program; each is reached through its reference alias.
extern alias integrations;
extern alias candidates;
extern alias alumni;

global using IntegrationsProgram = integrations::Program;
global using CandidatesProgram = candidates::Program;
global using AlumniProgram = alumni::Program;
