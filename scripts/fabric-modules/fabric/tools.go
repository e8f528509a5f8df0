//go:build tools

// Package tools pins the Fabric commands that scripts/build-fabric.sh installs.
// Fabric's v2/v3 tags are not valid Go module versions, so go.mod requires a
// commit by its pseudo-version, and repeats the module's own replace directive
// (which is why 'go install pkg@version' cannot be used directly).
package tools

import (
	_ "github.com/hyperledger/fabric/cmd/configtxgen"
	_ "github.com/hyperledger/fabric/cmd/configtxlator"
	_ "github.com/hyperledger/fabric/cmd/orderer"
	_ "github.com/hyperledger/fabric/cmd/osnadmin"
	_ "github.com/hyperledger/fabric/cmd/peer"
)
