//go:build tools

// Package tools pins the Fabric CA commands that scripts/build-fabric.sh installs.
package tools

import (
	_ "github.com/hyperledger/fabric-ca/cmd/fabric-ca-client"
	_ "github.com/hyperledger/fabric-ca/cmd/fabric-ca-server"
)
