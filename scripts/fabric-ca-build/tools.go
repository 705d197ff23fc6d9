//go:build tools

// Package tools names the Fabric CA commands this module exists to build; go.mod and go.sum pin
// fabric-ca v1.5.21 and every dependency's checksum.
package tools

import (
	_ "github.com/hyperledger/fabric-ca/cmd/fabric-ca-client"
	_ "github.com/hyperledger/fabric-ca/cmd/fabric-ca-server"
)
