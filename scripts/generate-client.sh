#!/usr/bin/env bash
# Generates a C# client for one TalentNet service from its served OpenAPI document.
#   scripts/generate-client.sh <service base url> <Name> <output .cs file>
# e.g. scripts/generate-client.sh http://127.0.0.1:5101 Candidates CandidatesClient.cs
# NSwag is pinned in .config/dotnet-tools.json; the client takes its base address from the HttpClient.
# JsonLibraryVersion 9.0 makes enum members carry JsonStringEnumMemberName (the wire names); NJsonSchema
# 11.6.1 falls back to EnumMember (which System.Text.Json ignores) when given "10.0", so 9.0 it is.
set -euo pipefail
url=${1:?service base url} name=${2:?client name} output=${3:?output file}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
document=$(mktemp --suffix=.json)
trap 'rm -f "$document"' EXIT
curl -fsS "${url%/}/swagger/v1/swagger.json" -o "$document"
dotnet nswag openapi2csclient "/input:$document" "/output:$output" "/namespace:TalentNet.Clients.$name" \
  "/className:${name}Client" /JsonLibrary:SystemTextJson /JsonLibraryVersion:9.0 /UseBaseUrl:false /GenerateClientInterfaces:false \
  /GenerateOptionalPropertiesAsNullable:true /GenerateNullableReferenceTypes:true >/dev/null
echo "$output"
