// Every service's entry point is a global Program; each is reached through its reference alias.
// Linked into the projects that host the whole system (gateway and the three services).
extern alias gateway;
extern alias candidates;
extern alias alumni;
extern alias recommendations;

global using AlumniProgram = alumni::Program;
global using CandidatesProgram = candidates::Program;
global using GatewayHost = TalentNet.Testing.GatewayHost<gateway::Program>;
global using GatewayProgram = gateway::Program;
global using RecommendationsProgram = recommendations::Program;
