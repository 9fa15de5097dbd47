// Every service's entry point is a global Program; each is reached through its reference alias.
extern alias candidates;
extern alias alumni;
extern alias recommendations;
extern alias integrations;

global using CandidatesProgram = candidates::Program;
global using AlumniProgram = alumni::Program;
global using RecommendationsProgram = recommendations::Program;
global using IntegrationsProgram = integrations::Program;
